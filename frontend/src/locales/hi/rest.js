// Every other page's words (src/lib/i18n.js): a chunk of its own, fetched when such a page is first opened.
const files = import.meta.glob(["./*.json", "!./{bookings,common,events,inbox,notifications,passes,studios}.json"], {
  eager: true,
  import: "default",
});

export default Object.fromEntries(Object.entries(files).map(([path, messages]) => [path.slice(2, -5), messages]));
