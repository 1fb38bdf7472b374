// Every catalogue of this language in one bundle (a chunk of its own, loaded when the language is first needed).
const files = import.meta.glob("./*.json", { eager: true, import: "default" });

export default Object.fromEntries(Object.entries(files).map(([path, messages]) => [path.slice(2, -5), messages]));
