/** One formatter per zone: building an Intl.DateTimeFormat costs far more than using one, and pricing asks for every delivery. */
const hourFormats = new Map<string, Intl.DateTimeFormat>();

/** Before noon in a zone's local time (a hub's; UTC when it names none): what the before-noon bonus is judged on. */
export function beforeNoonAt(instant: string, timeZone: string | undefined): boolean {
  const zone = timeZone ?? 'UTC';
  let format = hourFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, hour: 'numeric', hourCycle: 'h23' });
    hourFormats.set(zone, format);
  }
  const hour = format.formatToParts(new Date(instant)).find((part) => part.type === 'hour');
  return Number(hour?.value) < 12;
}
