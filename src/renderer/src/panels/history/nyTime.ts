// Dates and times of the history in New York time, as TOS shows them whatever the PC's zone ("11/30/26", "09:31:05"):
// the trading day itself is a New York day (17:00 to 17:00), so its times read the same way.
const DATE = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', year: '2-digit', month: '2-digit', day: '2-digit' });
const TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'America/New_York', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

export function nyDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : DATE.format(date);
}

export function nyTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : TIME.format(date);
}

export function nyDateTime(iso: string): string {
  return `${nyDate(iso)} ${nyTime(iso)}`;
}
