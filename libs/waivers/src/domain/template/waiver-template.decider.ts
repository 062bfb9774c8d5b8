import type { Decider } from '@handoff/kernel';
import type { WaiverTemplateCommand } from './waiver-template.commands';
import { decide } from './waiver-template.decide';
import type { WaiverTemplateEvent } from './waiver-template.events';
import { evolve } from './waiver-template.evolve';
import { initialState, type WaiverTemplate } from './waiver-template.state';

export const waiverTemplateDecider: Decider<WaiverTemplateCommand, WaiverTemplate, WaiverTemplateEvent> = { decide, evolve, initialState };
