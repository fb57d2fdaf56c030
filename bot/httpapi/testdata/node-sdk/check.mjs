// check.mjs drives citebot's OpenAI-compatible API with the official
// OpenAI SDK for Node, as a user's script would, and exits non-zero unless
// the answer carries [n] markers and the response's extra "citations"
// field holds a verified excerpt for every marker.
//
//   node check.mjs BASE_URL [API_KEY] [plain|stream|both]
//
// BASE_URL includes /v1 (http://127.0.0.1:8080/v1); the key may also come
// from CITEBOT_API_KEY, the question from CITEBOT_QUESTION.
import OpenAI from "openai";

const [baseURL, argKey, mode = "both"] = process.argv.slice(2);
if (!baseURL || !["plain", "stream", "both"].includes(mode)) {
  console.error("usage: node check.mjs BASE_URL [API_KEY] [plain|stream|both]");
  process.exit(2);
}
const apiKey = argKey || process.env.CITEBOT_API_KEY || "none";
const question = process.env.CITEBOT_QUESTION || "Why do the Taliban support the TTP?";
const client = new OpenAI({ baseURL, apiKey, maxRetries: 0, timeout: 30_000 });
const request = { model: "citebot", messages: [{ role: "user", content: question }] };

// check returns what is wrong with an answer's text and citations, "" when
// nothing is.
function check(text, citations) {
  const refs = [...new Set([...text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])))];
  if (refs.length === 0) return `the answer has no [n] marker: ${JSON.stringify(text)}`;
  if (!Array.isArray(citations)) return `the response has no citations field (got ${JSON.stringify(citations)})`;
  for (const ref of refs) {
    const c = citations.find((c) => c.ref === ref);
    if (!c) return `marker [${ref}] has no citation`;
    if (c.verified !== true) return `citation [${ref}] is not verified: ${JSON.stringify(c)}`;
    if (typeof c.excerpt !== "string" || c.excerpt.trim() === "") return `citation [${ref}] has no excerpt`;
    if (typeof c.source !== "string" || c.source === "") return `citation [${ref}] has no source`;
    if (!text.includes(c.excerpt.split("\n")[0])) return `citation [${ref}]'s excerpt is not in the answer: ${JSON.stringify(c.excerpt)}`;
  }
  return "";
}

async function plain() {
  const r = await client.chat.completions.create(request);
  return check(r.choices?.[0]?.message?.content ?? "", r.citations);
}

async function stream() {
  const s = await client.chat.completions.create({ ...request, stream: true });
  let text = "";
  let citations;
  let finished = false;
  for await (const chunk of s) {
    text += chunk.choices?.[0]?.delta?.content ?? "";
    if (chunk.choices?.[0]?.finish_reason) finished = true;
    if (chunk.citations !== undefined) citations = chunk.citations;
  }
  if (!finished) return "the stream ended without a finish_reason";
  return check(text, citations);
}

let failed = false;
for (const [name, run] of [["plain", plain], ["stream", stream]]) {
  if (mode !== "both" && mode !== name) continue;
  try {
    const problem = await run();
    if (problem) {
      console.error(`${name}: ${problem}`);
      failed = true;
    } else {
      console.log(`${name}: ok`);
    }
  } catch (err) {
    console.error(`${name}: ${err?.status ?? ""} ${err?.message ?? err}`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
