#include "cli/commands.h"
#include "cli/options.h"
#include "cli/printers.h"
#include "cli/simplecommand.h"
#include "core/domain/searchrequest.h"
#include "core/service/vectorstoreservice.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace vd::cli {

namespace {

// The request body OpenAI's /vector_stores/{id}/search takes, from the command line.
int searchBody(Context &c, const Invocation &in, QJsonObject *body)
{
    const QStringList queries = QStringList{in.args.join(u' ')} + in.parser.values(u"query"_s);
    body->insert(u"query"_s,
                 queries.size() == 1 ? QJsonValue(queries.first()) : QJsonValue(QJsonArray::fromStringList(queries)));
    if (in.isSet(u"filter"_s)) {
        QJsonParseError error;
        const QJsonDocument filter = QJsonDocument::fromJson(in.value(u"filter"_s).toUtf8(), &error);
        if (error.error != QJsonParseError::NoError)
            return c.usage(
                u"--filter is not valid JSON: %1 at offset %2."_s.arg(error.errorString()).arg(error.offset));
        body->insert(u"filters"_s, filter.object());
    }
    if (in.isSet(u"max"_s)) {
        bool isNumber = false;
        const int max = in.value(u"max"_s).toInt(&isNumber);
        if (!isNumber)
            return c.usage(u"--max needs a whole number from 1 to 50."_s);
        body->insert(u"max_num_results"_s, max);
    }
    QJsonObject ranking;
    if (in.isSet(u"threshold"_s)) {
        bool isNumber = false;
        const double threshold = in.value(u"threshold"_s).toDouble(&isNumber);
        if (!isNumber)
            return c.usage(u"--threshold needs a number from 0 to 1."_s);
        ranking.insert(u"score_threshold"_s, threshold);
    }
    if (in.isSet(u"ranker"_s))
        ranking.insert(u"ranker"_s, in.value(u"ranker"_s));
    if (!ranking.isEmpty())
        body->insert(u"ranking_options"_s, ranking);
    if (in.isSet(u"rewrite-query"_s))
        body->insert(u"rewrite_query"_s, true);
    return Ok;
}

void printHit(Context &c, int rank, const SearchHit &hit)
{
    c.out() << u"%1. %2  score %3  (file %4)\n"_s.arg(rank)
                   .arg(terminalText(hit.filename))
                   .arg(hit.score, 0, 'f', 3)
                   .arg(hit.fileId);
    if (!hit.attributes.isEmpty())
        c.out() << u"   attributes: "_s << shownJson(hit.attributes) << u'\n';
    if (!hit.matchedTerms.isEmpty())
        c.out() << u"   matched: "_s << terminalText(hit.matchedTerms.join(u", "_s)) << u'\n';
    for (const QString &text : hit.content) {
        QString excerpt = text.simplified();
        if (excerpt.size() > 240)
            excerpt = excerpt.left(239) + u'…';
        c.out() << u"   > "_s << terminalText(excerpt) << u'\n';
    }
}

int search(Context &c, const Invocation &in)
{
    const QStringList stores = in.parser.values(u"store"_s);
    if (stores.isEmpty())
        return c.usage(u"Name at least one store with --store NAME."_s);
    QJsonObject body;
    if (const int code = searchBody(c, in, &body); code != Ok)
        return code;
    auto request = SearchRequest::fromJson(body);
    if (!request)
        return c.fail(request.error());
    auto response = c.service().search(in.tenant, stores, request.value());
    if (!response)
        return c.fail(response.error());
    if (c.json()) {
        printJson(c, response->toJson());
        return Ok;
    }
    if (response->data.isEmpty())
        c.out() << u"No results.\n"_s;
    int rank = 0;
    for (const SearchHit &hit : response->data)
        printHit(c, ++rank, hit);
    return Ok;
}

} // namespace

QList<std::shared_ptr<Command>> searchCommands()
{
    return {command(
        {.name = u"search"_s,
         .syntax =
             u"--tenant T --store S [--store S2]... [--filter JSON] [--max N] [--threshold X] [--ranker R] QUERY..."_s,
         .summary = u"Search stores of one tenant as OpenAI's /vector_stores/{id}/search does (viewer). The words of "
                    u"QUERY form one query; --query adds further queries searched together."_s,
         .positionals = {u"QUERY..."_s},
         .scope = Scope::Tenant,
         .options =
             {{u"store"_s, u"A store to search, by name or id; repeat for several."_s, u"store"_s},
              {u"filter"_s, u"Attribute filter as JSON, e.g. {\"type\":\"eq\",\"key\":\"lang\",\"value\":\"en\"}."_s,
               u"json"_s},
              {u"max"_s, u"At most this many results, 1-50 (default 10)."_s, u"n"_s},
              {u"threshold"_s, u"Only results scoring at least this, 0-1 (default 0)."_s, u"score"_s},
              {u"ranker"_s, u"auto (default), none (one result per chunk) or default-2024-11-15."_s, u"ranker"_s},
              {u"rewrite-query"_s,
               u"Ask for query rewriting (accepted; the local engine reports it as not applied)."_s},
              {u"query"_s, u"A further query to search at the same time; repeatable."_s, u"text"_s}}},
        search)};
}

} // namespace vd::cli
