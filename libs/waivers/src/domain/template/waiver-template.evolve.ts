import type { WaiverTemplateEvent } from './waiver-template.events';
import type { WaiverTemplate } from './waiver-template.state';

export const evolve = (state: WaiverTemplate, event: WaiverTemplateEvent): WaiverTemplate => {
  switch (event.type) {
    case 'WaiverTemplateVersionPublished': {
      const { publishedBy: _by, ...version } = event.data;
      const versions = state.status === 'published' ? state.versions : [];
      return { status: 'published', templateId: event.data.templateId, versions: [...versions, version] };
    }
    case 'WaiverTemplateVersionRetired': {
      if (state.status !== 'published') return state;
      const { version, reason, retiredAt } = event.data;
      return { ...state, versions: state.versions.map((candidate) => (candidate.version === version ? { ...candidate, retired: { retiredAt, reason } } : candidate)) };
    }
    default: {
      const _never: never = event;
      return _never;
    }
  }
};
