#pragma once

// One request of OpenAIClient as it waits in the queue and across its attempts (internal to
// core/openai: openaiclient.cpp sends it, openaiendpoints.cpp describes it).

#include "core/openai/openaiclient.h"
#include "core/tracing/tracing.h"

#include <QElapsedTimer>

namespace vd::openai {

struct OpenAIClient::Request
{
    QByteArray method;
    QString path; // below the base URL, e.g. "/vector_stores"
    QUrlQuery query;
    QByteArray body; // JSON, when hasBody
    bool hasBody = false;
    QString uploadPath; // multipart file upload, when set
    QString uploadName;
    bool vectorStore = false; // adds OpenAI-Beta: assistants=v2
    QString attachStore; // counts against the store's attach rate limit
    // A POST that creates an object: an attempt without an answer, or answered 5xx, may still have
    // created it, so it is not retried here; the error says maybe_created and the caller looks
    // for the object before trying again (no duplicates).
    bool createsObject = false;
    // The most of an answer read (ClientConfig::max...Bytes by kind of request); beyond it the
    // answer is abandoned as it arrives.
    qint64 maxBodyBytes = 0;
    QByteArray idempotencyKey; // every POST; the same on each of the client's attempts
    JsonCallback done;
    int attempt = 0; // attempts made so far
    int redirects = 0; // followed so far, over all attempts (ClientConfig::maxRedirects)
    qint64 waitedMs = 0; // waited between attempts so far (ClientConfig::maxTotalWaitMs)
    QElapsedTimer since; // first attempt
    QString operation; // the metrics' label: "post:vector_stores.files" (operationLabel)
    tracing::SpanContext traceParent; // the caller's span when the request was made
};

} // namespace vd::openai
