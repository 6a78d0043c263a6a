#!/usr/bin/env bash
# `npm test`: the unit and integration layers and the end-to-end layer as two vitest runs side by
# side. In one run, vitest starts the end-to-end files (one at a time: they share one app server)
# only after every other file has finished, since a project without file parallelism is a group
# of its own and groups run one after another; side by side, the end-to-end layer's waits on the
# browser and the server overlap the integration layer's work. Arguments go to both runs.
set -uo pipefail

npx vitest run --passWithNoTests --project unit --project integration --project integration-isolated "$@" &
layers=$!
# Its own Redis prefix, so that its app server and the integration layer's never share a channel.
REDIS_PREFIX="${REDIS_PREFIX:-focusboard:}e2e:" npx vitest run --passWithNoTests --project e2e "$@"
e2e_status=$?
wait "$layers"
layers_status=$?

echo "unit and integration: exit $layers_status; end-to-end: exit $e2e_status"
[ "$layers_status" -eq 0 ] && [ "$e2e_status" -eq 0 ]
