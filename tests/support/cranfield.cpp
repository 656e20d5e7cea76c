#include "cranfield.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace vd::test {

namespace {

bool readFile(const QString &path, QString *text, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"Cannot read %1: %2"_s.arg(path, file.errorString());
        return false;
    }
    *text = QString::fromLatin1(file.readAll());
    return true;
}

// Splits ".I n" records into their fields (".T", ".W", ...).
QList<QHash<QString, QString>> records(const QString &text)
{
    QList<QHash<QString, QString>> result;
    QString field;
    for (const QString &line : text.split(u'\n')) {
        if (line.startsWith(u".I"_s)) {
            result.append({{u".I"_s, line.mid(2).trimmed()}});
            field.clear();
        } else if (line.size() >= 2 && line[0] == u'.' && line[1].isLetter() && line.trimmed().size() == 2) {
            field = line.trimmed();
        } else if (!result.isEmpty() && !field.isEmpty()) {
            QString &value = result.last()[field];
            value += (value.isEmpty() ? QString() : u"\n"_s) + line;
        }
    }
    return result;
}

} // namespace

QString Cranfield::defaultFolder()
{
    const QString fromEnv = qEnvironmentVariable("VECTORDESK_CRANFIELD_DIR");
    if (!fromEnv.isEmpty())
        return fromEnv;
    return QDir(qEnvironmentVariable("VECTORDESK_SOURCE_DIR", QStringLiteral(VECTORDESK_SOURCE_DIR_DEFAULT)))
        .absoluteFilePath(u"../shared/data/cranfield"_s);
}

bool Cranfield::load(const QString &folder, QString *error)
{
    QString text;
    if (!readFile(folder + u"/cran.all.1400"_s, &text, error))
        return false;
    for (const auto &r : records(text))
        documents.append({r.value(u".I"_s).toInt(), r.value(u".T"_s).simplified(), r.value(u".W"_s).trimmed()});
    if (!readFile(folder + u"/cran.qry"_s, &text, error))
        return false;
    for (const auto &r : records(text))
        queries << r.value(u".W"_s).simplified();
    if (!readFile(folder + u"/cranqrel"_s, &text, error))
        return false;
    for (const QString &line : text.split(u'\n', Qt::SkipEmptyParts)) {
        const QStringList parts = line.simplified().split(u' ');
        if (parts.size() < 3)
            continue;
        const int code = parts[2].toInt();
        if (code >= 1 && code <= 4)
            relevant[parts[0].toInt()][parts[1].toInt()] = 5 - code;
    }
    if (documents.size() != 1400 || queries.size() != 225) {
        *error = u"Unexpected collection size in %1: %2 documents, %3 queries."_s.arg(folder)
                     .arg(documents.size())
                     .arg(queries.size());
        return false;
    }
    return true;
}

RetrievalQuality evaluate(const Cranfield &collection, const std::function<QList<int>(const QString &)> &search)
{
    RetrievalQuality quality;
    double ndcg = 0;
    double recall = 0;
    double mrr = 0;
    for (auto it = collection.relevant.cbegin(); it != collection.relevant.cend(); ++it) {
        const int query = it.key();
        if (query < 1 || query > collection.queries.size() || it->isEmpty())
            continue;
        const QList<int> ranking = search(collection.queries[query - 1]);
        const QHash<int, int> &gains = it.value();
        double dcg = 0;
        for (int i = 0; i < std::min<qsizetype>(10, ranking.size()); ++i)
            dcg += gains.value(ranking[i], 0) / std::log2(i + 2.0);
        QList<int> ideal = gains.values();
        std::sort(ideal.begin(), ideal.end(), std::greater<>());
        double idcg = 0;
        for (int i = 0; i < std::min<qsizetype>(10, ideal.size()); ++i)
            idcg += ideal[i] / std::log2(i + 2.0);
        ndcg += idcg > 0 ? dcg / idcg : 0;
        int found = 0;
        double reciprocal = 0;
        for (int i = 0; i < std::min<qsizetype>(50, ranking.size()); ++i) {
            if (gains.contains(ranking[i])) {
                ++found;
                if (reciprocal == 0)
                    reciprocal = 1.0 / (i + 1);
            }
        }
        recall += double(found) / double(gains.size());
        mrr += reciprocal;
        ++quality.queries;
    }
    if (quality.queries > 0) {
        quality.ndcgAt10 = ndcg / quality.queries;
        quality.recallAt50 = recall / quality.queries;
        quality.mrr = mrr / quality.queries;
    }
    return quality;
}

} // namespace vd::test
