// The API acceptance flow (issue #15, docs/api.md): the official OpenAI Node SDK against
// `vectordesk serve`, changing only the base URL and the key. Every step asserts what OpenAI's
// API would answer; any mismatch throws and the test fails. Run by run-sdk-flow.sh.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const sdkDir = path.join(process.env.NODE_PATH, "openai");
const { default: OpenAI, toFile, NotFoundError, BadRequestError, AuthenticationError, PermissionDeniedError } =
    await import(pathToFileURL(path.join(sdkDir, "index.mjs")).href);

const baseURL = process.env.VD_BASE_URL;
const client = new OpenAI({ baseURL, apiKey: process.env.VD_TOKEN, maxRetries: 0 });
const viewer = new OpenAI({ baseURL, apiKey: process.env.VD_VIEWER_TOKEN, maxRetries: 0 });
const other = new OpenAI({ baseURL, apiKey: process.env.VD_OTHER_TOKEN, maxRetries: 0 });
const revoked = new OpenAI({ baseURL, apiKey: process.env.VD_REVOKED_TOKEN, maxRetries: 0 });
const dataDir = process.env.VD_DATA_DIR;
const poll = { pollIntervalMs: 200 };

async function rejects(promise, errorClass, status, what) {
    try {
        await promise;
    } catch (error) {
        assert.ok(error instanceof errorClass, `${what}: expected ${errorClass.name}, got ${error?.constructor?.name}: ${error?.message}`);
        assert.equal(error.status, status, `${what}: status`);
        assert.equal(typeof error.error?.message, "string", `${what}: error body has a message`);
        assert.ok(error.requestID, `${what}: x-request-id`);
        return error;
    }
    assert.fail(`${what}: expected ${errorClass.name} (${status}), the call succeeded`);
}

function step(name) {
    console.log(`sdk_flow: ${name}`);
}

// 1. Upload files: txt, md, pdf, and a damaged pdf (accepted as a File; it fails when indexed).
step("upload files");
const txt = await client.files.create({
    file: await toFile(Buffer.from("Wing flutter is an aeroelastic instability of lifting surfaces.\n"), "flutter.txt"),
    purpose: "assistants",
});
assert.match(txt.id, /^file-/);
assert.equal(txt.object, "file");
assert.equal(txt.filename, "flutter.txt");
assert.equal(txt.purpose, "assistants");
assert.equal(txt.bytes, 64);
const md = await client.files.create({
    file: await toFile(Buffer.from("# Boundary layers\n\nThe boundary layer separates at high angles of attack.\n"), "layers.md"),
    purpose: "assistants",
});
// Through Prism's proxy (VD_THROUGH_PRISM) binary multipart bodies arrive re-encoded as text, so
// that run sends a text file where this one sends a PDF; everything else is the same.
const throughPrism = !!process.env.VD_THROUGH_PRISM;
const pdfBytes = throughPrism ? Buffer.from("Sample document about wind tunnels.\n") : fs.readFileSync(path.join(dataDir, "sample.pdf"));
const pdf = await client.files.create({ file: await toFile(pdfBytes, throughPrism ? "sample.txt" : "sample.pdf"), purpose: "assistants" });
const damaged = await client.files.create({ file: fs.createReadStream(path.join(dataDir, "damaged.pdf")), purpose: "assistants" });
assert.equal(pdf.filename, throughPrism ? "sample.txt" : "sample.pdf");
assert.equal(pdf.bytes, pdfBytes.length);

// Tokens: wrong and revoked answer 401; the viewer cannot upload (403); nothing changes.
step("tokens");
await rejects(revoked.files.list(), AuthenticationError, 401, "revoked token");
await rejects(new OpenAI({ baseURL, apiKey: "vdk_wrong", maxRetries: 0 }).files.list(), AuthenticationError, 401, "wrong token");
await rejects(viewer.files.create({ file: await toFile(Buffer.from("x"), "x.txt"), purpose: "assistants" }),
    PermissionDeniedError, 403, "viewer upload");
await rejects(other.files.retrieve(txt.id), NotFoundError, 404, "other tenant's file");

// Files list and content.
step("files list and content");
const fileIds = [];
for await (const file of client.files.list({ limit: 2 })) fileIds.push(file.id);
assert.deepEqual(fileIds, [damaged.id, pdf.id, md.id, txt.id]);
const downloaded = Buffer.from(await (await client.files.content(pdf.id)).arrayBuffer());
assert.ok(downloaded.equals(pdfBytes), "file content is the uploaded bytes");
assert.equal((await client.files.retrieve(md.id)).filename, "layers.md");

// 2. A store; attach one file and poll; attach the others and poll each.
step("create a store and attach files");
const store = await client.vectorStores.create({
    name: "aerodynamics",
    metadata: { team: "wind" },
    expires_after: { anchor: "last_active_at", days: 30 },
});
assert.match(store.id, /^vs_/);
assert.equal(store.object, "vector_store");
assert.equal(store.status, "completed");
assert.deepEqual(store.metadata, { team: "wind" });
const attached = await client.vectorStores.files.createAndPoll(store.id, {
    file_id: txt.id,
    attributes: { topic: "flutter", year: 2024 },
}, poll);
assert.equal(attached.id, txt.id);
assert.equal(attached.status, "completed");
assert.equal(attached.vector_store_id, store.id);
assert.ok(attached.usage_bytes > 0);
for (const [file, attributes] of [[md, { topic: "layers", year: 2025 }], [pdf, { topic: "sample", year: 2023 }]]) {
    const done = await client.vectorStores.files.createAndPoll(store.id, { file_id: file.id, attributes }, poll);
    assert.equal(done.status, "completed", `${file.filename}: ${JSON.stringify(done.last_error)}`);
}
const failed = await client.vectorStores.files.createAndPoll(store.id, { file_id: damaged.id }, poll);
assert.equal(failed.status, "failed");
assert.equal(failed.last_error?.code, "invalid_file");
await rejects(viewer.vectorStores.files.create(store.id, { file_id: md.id }), PermissionDeniedError, 403, "viewer attach");
await rejects(client.vectorStores.files.create(store.id, { file_id: "file-doesnotexist" }), BadRequestError, 400,
    "attach a missing file");
const counted = await client.vectorStores.retrieve(store.id);
assert.deepEqual(counted.file_counts, { in_progress: 0, completed: 3, failed: 1, cancelled: 0, total: 4 });

// 3. Search with filters and ranking options.
step("search");
const results = [];
for await (const hit of client.vectorStores.search(store.id, {
    query: "flutter instability",
    filters: { type: "and", filters: [{ type: "gte", key: "year", value: 2024 }, { type: "eq", key: "topic", value: "flutter" }] },
    ranking_options: { ranker: "auto", score_threshold: 0 },
    max_num_results: 5,
})) results.push(hit);
assert.equal(results.length, 1);
assert.equal(results[0].file_id, txt.id);
assert.equal(results[0].filename, "flutter.txt");
assert.ok(results[0].score > 0 && results[0].score <= 1);
assert.equal(results[0].content[0].type, "text");
const none = [];
for await (const hit of client.vectorStores.search(store.id, {
    query: "flutter",
    filters: { type: "eq", key: "topic", value: "nothing" },
})) none.push(hit);
assert.equal(none.length, 0);
await rejects(client.vectorStores.search(store.id, { query: "x", max_num_results: 51 }), BadRequestError, 400,
    "max_num_results over 50");
await rejects(other.vectorStores.search(store.id, { query: "flutter" }), NotFoundError, 404, "other tenant's search");

// 4. Page through lists.
step("lists and pages");
const pageIds = [];
for await (const file of client.vectorStores.files.list(store.id, { limit: 1, order: "asc" })) pageIds.push(file.id);
assert.deepEqual(pageIds, [txt.id, md.id, pdf.id, damaged.id]);
const failedOnly = [];
for await (const file of client.vectorStores.files.list(store.id, { filter: "failed" })) failedOnly.push(file.id);
assert.deepEqual(failedOnly, [damaged.id]);
const second = await client.vectorStores.create({ name: "second" });
const storeIds = [];
for await (const s of client.vectorStores.list({ limit: 1 })) storeIds.push(s.id);
assert.deepEqual(storeIds, [second.id, store.id]);

// File batches: file_ids with shared attributes, and per-file files[]; poll, list, cancel.
step("file batches");
const batchStore = await client.vectorStores.create({ name: "batches" });
const uploads = [];
for (const [name, text] of [["a.txt", "Compressor stall in axial turbines.\n"], ["b.md", "# Surge\n\nSurge is a system instability.\n"],
    ["c.txt", "Icing changes the airfoil shape.\n"], ["d.txt", "Buffeting is caused by separated flow.\n"]])
    uploads.push(await client.files.create({ file: await toFile(Buffer.from(text), name), purpose: "assistants" }));
const batch = await client.vectorStores.fileBatches.createAndPoll(batchStore.id, {
    file_ids: [uploads[0].id, uploads[1].id],
    attributes: { source: "batch-1" },
}, poll);
assert.match(batch.id, /^vsfb_/);
assert.equal(batch.object, "vector_store.files_batch");
assert.equal(batch.vector_store_id, batchStore.id);
assert.equal(batch.status, "completed");
assert.deepEqual(batch.file_counts, { in_progress: 0, completed: 2, failed: 0, cancelled: 0, total: 2 });
const batchFiles = [];
for await (const file of client.vectorStores.fileBatches.listFiles(batch.id, { vector_store_id: batchStore.id, order: "asc" })) {
    assert.deepEqual(file.attributes, { source: "batch-1" });
    batchFiles.push(file.id);
}
assert.deepEqual(batchFiles, [uploads[0].id, uploads[1].id]);
const perFile = await client.vectorStores.fileBatches.createAndPoll(batchStore.id, {
    files: [{ file_id: uploads[2].id, attributes: { n: 3 } }, { file_id: uploads[3].id, attributes: { n: 4 } }],
}, poll);
assert.equal(perFile.status, "completed");
assert.deepEqual((await client.vectorStores.files.retrieve(uploads[3].id, { vector_store_id: batchStore.id })).attributes, { n: 4 });
assert.equal((await client.vectorStores.fileBatches.retrieve(perFile.id, { vector_store_id: batchStore.id })).file_counts.total, 2);
await rejects(client.vectorStores.fileBatches.cancel(perFile.id, { vector_store_id: batchStore.id }), BadRequestError, 400,
    "cancel a finished batch");
await rejects(client.vectorStores.fileBatches.create(batchStore.id, { file_ids: [uploads[0].id, "file-missing"] }),
    BadRequestError, 400, "a batch with a missing file");
await rejects(client.vectorStores.fileBatches.create(batchStore.id, { file_ids: [uploads[0].id] }),
    BadRequestError, 400, "a batch with content already in the store");
await rejects(client.vectorStores.fileBatches.retrieve("vsfb_nothere", { vector_store_id: batchStore.id }), NotFoundError, 404,
    "an unknown batch");
assert.equal((await client.vectorStores.retrieve(batchStore.id)).file_counts.total, 4, "refused batches attached nothing");

// 5. Update attributes; read content.
step("attributes and content");
const updated = await client.vectorStores.files.update(md.id, { vector_store_id: store.id, attributes: { topic: "flutter", year: 2026 } });
assert.deepEqual(updated.attributes, { topic: "flutter", year: 2026 });
const afterUpdate = [];
for await (const hit of client.vectorStores.search(store.id, { query: "boundary layer", filters: { type: "eq", key: "topic", value: "flutter" } }))
    afterUpdate.push(hit.file_id);
assert.deepEqual(afterUpdate, [md.id]);
let text = "";
for await (const piece of client.vectorStores.files.content(md.id, { vector_store_id: store.id })) text += piece.text;
assert.match(text, /boundary layer separates/);
const renamed = await client.vectorStores.update(store.id, { name: "aero", expires_after: null });
assert.equal(renamed.name, "aero");
assert.equal(renamed.expires_after, undefined);

// 6. Delete: a store file (the File stays), a File (detached everywhere), a store.
step("delete");
const detached = await client.vectorStores.files.delete(txt.id, { vector_store_id: store.id });
assert.deepEqual(detached, { id: txt.id, object: "vector_store.file.deleted", deleted: true });
await rejects(client.vectorStores.files.retrieve(txt.id, { vector_store_id: store.id }), NotFoundError, 404, "detached file");
assert.equal((await client.files.retrieve(txt.id)).id, txt.id);
const deletedFile = await client.files.delete(pdf.id);
assert.deepEqual(deletedFile, { id: pdf.id, object: "file", deleted: true });
await rejects(client.vectorStores.files.retrieve(pdf.id, { vector_store_id: store.id }), NotFoundError, 404, "deleted File");
await rejects(viewer.vectorStores.delete(store.id), PermissionDeniedError, 403, "viewer deletes a store");
const deletedStore = await client.vectorStores.delete(second.id);
assert.deepEqual(deletedStore, { id: second.id, object: "vector_store.deleted", deleted: true });
await rejects(client.vectorStores.retrieve(second.id), NotFoundError, 404, "deleted store");

console.log("sdk_flow: every step answered as OpenAI's API would");
