// The words of the pages people land on (src/lib/i18n.js): a chunk of its own, fetched with the page.
const files = import.meta.glob("./{bookings,common,events,inbox,notifications,passes,studios}.json", { eager: true, import: "default" });

export default Object.fromEntries(Object.entries(files).map(([path, messages]) => [path.slice(2, -5), messages]));
