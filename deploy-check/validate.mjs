// Validates Kubernetes and Istio YAML offline: every document against its schema (kubernetes-models,
// @kubernetes-models/istio), and no key the schema does not know.
//
//   node validate.mjs FILE...      ("-" reads standard input)
//
// Prints one line per problem ("<file> #<document> <Kind>/<name>: <problem>") and exits 1 if there is any.
//
// The unknown-key check: the schemas' validators read every property a schema defines (to test whether it is
// present), so the document is handed to them behind a proxy that records each key read on each object. A key
// of the document that its validator never read is one its schema does not define. An object whose keys the
// validator enumerates is a map (labels, ConfigMap data), where any key is fine; an object the validator never
// looks into is free-form (an EnvoyFilter patch, an embedded JSON), whose keys no schema describes.
import { readFileSync } from "node:fs";
import * as kubernetes from "kubernetes-models";
import * as istio from "@kubernetes-models/istio";
import { parseAllDocuments } from "yaml";

const models = new Map();
function collect(namespace, depth) {
    for (const value of Object.values(namespace)) {
        if (typeof value === "function" && value.apiVersion && value.kind) {
            models.set(`${value.apiVersion}/${value.kind}`, value);
        } else if (value && typeof value === "object" && depth < 4) {
            collect(value, depth + 1);
        }
    }
}
collect(kubernetes, 0);
collect(istio, 0);

const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);

/** Wraps data in proxies recording, per object, the keys read and whether its keys were listed. */
function watched(data, reads) {
    if (data === null || typeof data !== "object") {
        return data;
    }
    const seen = { keys: new Set(), listed: false };
    reads.set(data, seen);
    const children = new Map();
    return new Proxy(data, {
        get(target, key, receiver) {
            if (typeof key === "string") {
                seen.keys.add(key);
            }
            const value = Reflect.get(target, key, receiver);
            if (value !== null && typeof value === "object") {
                if (!children.has(key)) {
                    children.set(key, watched(value, reads));
                }
                return children.get(key);
            }
            return value;
        },
        has(target, key) {
            if (typeof key === "string") {
                seen.keys.add(key);
            }
            return Reflect.has(target, key);
        },
        ownKeys(target) {
            seen.listed = true;
            return Reflect.ownKeys(target);
        },
    });
}

function unknownKeys(data, reads, path, found) {
    if (Array.isArray(data)) {
        data.forEach((item, i) => unknownKeys(item, reads, `${path}[${i}]`, found));
        return;
    }
    if (!isObject(data)) {
        return;
    }
    const seen = reads.get(data);
    if (!seen || seen.listed || seen.keys.size === 0) {
        return;
    }
    for (const key of Object.keys(data)) {
        if (!seen.keys.has(key)) {
            found.push(`${path}/${key}: unknown key`);
        } else {
            unknownKeys(data[key], reads, `${path}/${key}`, found);
        }
    }
}

/** The problems of one parsed document. */
export function problemsOf(document) {
    if (!isObject(document)) {
        return ["not a mapping"];
    }
    const model = models.get(`${document.apiVersion}/${document.kind}`);
    if (!model) {
        return [`no schema for apiVersion ${document.apiVersion} kind ${document.kind}`];
    }
    const problems = [];
    const reads = new Map();
    try {
        model.prototype.validate.call(watched(document, reads));
    } catch (e) {
        problems.push(...String(e.message).split("\n").filter((line) => line.trim()));
    }
    const unknown = [];
    unknownKeys(document, reads, "", unknown);
    problems.push(...unknown);
    return problems;
}

function main(files) {
    let failures = 0;
    let documents = 0;
    for (const file of files) {
        const text = readFileSync(file === "-" ? 0 : file, "utf8");
        parseAllDocuments(text).forEach((parsed, index) => {
            const where = `${file} #${index + 1}`;
            if (parsed.errors.length > 0) {
                parsed.errors.forEach((e) => console.log(`${where}: YAML: ${e.message}`));
                failures += parsed.errors.length;
                return;
            }
            const document = parsed.toJS();
            if (document === null || document === undefined) {
                return;
            }
            documents++;
            const name = `${document.kind}/${document.metadata?.name ?? "?"}`;
            for (const problem of problemsOf(document)) {
                console.log(`${where} ${name}: ${problem}`);
                failures++;
            }
        });
    }
    console.log(`validated ${documents} documents, ${failures} problems`);
    process.exit(failures === 0 ? 0 : 1);
}

main(process.argv.slice(2));
