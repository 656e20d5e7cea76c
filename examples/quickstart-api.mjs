// The API quick start with the official OpenAI Node SDK (npm install openai), unchanged but for
// its base URL and key: `vectordesk serve` and a token of the tenant (docs/api.md).
//   vectordesk token create --tenant demo --role admin --name quickstart   # admin: it creates a store
//   OPENAI_BASE_URL=http://127.0.0.1:8080/v1 OPENAI_API_KEY=<token> node examples/quickstart-api.mjs
// It uploads the three documents, makes a store, attaches them with attributes (polling until
// indexed), searches with a filter, and fetches the file_search tool of the agent "support"
// when the tenant has one (examples/quickstart-cli.sh makes it). The counterpart of the
// administered system's vector_store.py.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import OpenAI from "openai";

const client = new OpenAI(); // OPENAI_BASE_URL and OPENAI_API_KEY from the environment
const docs = path.join(path.dirname(fileURLToPath(import.meta.url)), "documents");
const topics = { "refund-policy.md": "refunds", "shipping.txt": "shipping", "warranty.md": "warranty" };

// 1. Upload the documents as Files.
const files = [];
for (const [name, topic] of Object.entries(topics)) {
    const file = await client.files.create({ file: fs.createReadStream(path.join(docs, name)), purpose: "assistants" });
    files.push({ file, topic });
    console.log(`uploaded ${name} as ${file.id}`);
}

// 2. A store, and each file attached with its topic, polled until indexed.
const store = await client.vectorStores.create({ name: `support-docs-api-${Date.now()}`, metadata: { source: "quickstart" } });
console.log(`created ${store.id} (${store.name})`);
for (const { file, topic } of files) {
    const attached = await client.vectorStores.files.createAndPoll(store.id, { file_id: file.id, attributes: { topic } });
    console.log(`${file.filename}: ${attached.status}${attached.last_error ? ` (${attached.last_error.message})` : ""}`);
    if (attached.status !== "completed") process.exitCode = 1;
}

// 3. Search everything, then only the warranty documents.
for (const [query, filters] of [
    ["how long does delivery take", undefined],
    ["broken device repair", { type: "eq", key: "topic", value: "warranty" }],
]) {
    const page = await client.vectorStores.search(store.id, { query, filters, max_num_results: 3 });
    console.log(`\nsearch: ${query}${filters ? " (topic = warranty)" : ""}`);
    for (const hit of page.data) console.log(`  ${hit.score.toFixed(3)}  ${hit.filename}: ${hit.content[0].text.replace(/\s+/g, " ").slice(0, 70)}…`);
    if (page.data.length === 0) process.exitCode = 1;
}

// 4. The agent's file_search tool (VectorDesk's own route; the SDK's generic get reaches it).
try {
    const tool = await client.get("/agents/support/file_search_tool");
    console.log(`\nagent support: ${JSON.stringify(tool)}`);
} catch (error) {
    if (error.status !== 404) throw error;
    console.log("\nno agent 'support' in this tenant (examples/quickstart-cli.sh makes one)");
}
