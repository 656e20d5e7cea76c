#!/usr/bin/env bash
# The command-line quick start: a tenant and a store, the three documents attached with
# attributes and indexed, a filtered search, and an agent whose file_search tool searches the
# store. Run it against any database (--db is passed through VECTORDESK_DB):
#   VECTORDESK_DB=/tmp/demo.sqlite examples/quickstart-cli.sh
# Set VECTORDESK to use another binary than the one on PATH. On a database where it ran before,
# the attach refuses the same documents again (content already in the store) and the script stops.
set -euo pipefail
vd=${VECTORDESK:-vectordesk}
docs=$(cd "$(dirname "${BASH_SOURCE[0]}")/documents" && pwd)

# 1. The tenant and its first store (kept if they exist).
"$vd" init --tenant demo --name "Demo Shop" --store support-docs --yes

# 2. Attach the documents, each with the topic it covers, and wait until they are indexed.
for doc in refund-policy.md:refunds shipping.txt:shipping warranty.md:warranty; do
    file=${doc%%:*}
    topic=${doc##*:}
    "$vd" file attach --tenant demo --store support-docs --attributes "{\"topic\": \"$topic\"}" --wait "$docs/$file"
done

# 3. Search, then search only the warranty documents.
"$vd" search --tenant demo --store support-docs how long does delivery take
"$vd" search --tenant demo --store support-docs --filter '{"type": "eq", "key": "topic", "value": "warranty"}' \
    broken device repair

# 4. An agent bound to the store, and the file_search tool to give the model.
"$vd" agent show --tenant demo support >/dev/null 2>&1 ||
    "$vd" agent create --tenant demo support --store support-docs --description "Answers customer questions"
"$vd" agent tool --tenant demo support
