#include "ui/search/searchresultmodel.h"

#include "ui/models/displayformat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace vd::ui {

SearchResultModel::SearchResultModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void SearchResultModel::setResponse(const SearchResponse &response, const QHash<qint64, QString> &storeNames)
{
    beginResetModel();
    m_response = response;
    m_storeNames = storeNames;
    m_visible.clear();
    for (int i = 0; i < m_response.data.size(); ++i)
        if (m_response.data.at(i).score >= m_threshold)
            m_visible.append(i);
    endResetModel();
}

void SearchResultModel::clear()
{
    setResponse({}, {});
}

void SearchResultModel::setThreshold(double threshold)
{
    if (qFuzzyCompare(threshold + 1, m_threshold + 1))
        return;
    m_threshold = threshold;
    rebuildVisible();
}

void SearchResultModel::rebuildVisible()
{
    // Hits are sorted by score, so the visible ones are always a prefix: remove or insert the tail.
    QList<int> visible;
    for (int i = 0; i < m_response.data.size(); ++i)
        if (m_response.data.at(i).score >= m_threshold)
            visible.append(i);
    const int before = int(m_visible.size());
    const int after = int(visible.size());
    if (after < before) {
        beginRemoveRows({}, after, before - 1);
        m_visible = visible;
        endRemoveRows();
    } else if (after > before) {
        beginInsertRows({}, before, after - 1);
        m_visible = visible;
        endInsertRows();
    }
}

const SearchHit *SearchResultModel::hitAt(int row) const
{
    return row >= 0 && row < m_visible.size() ? &m_response.data.at(m_visible.at(row)) : nullptr;
}

QJsonObject SearchResultModel::visibleJson() const
{
    SearchResponse visible = m_response;
    visible.data.clear();
    for (int i : m_visible)
        visible.data.append(m_response.data.at(i));
    return visible.toJson();
}

QString SearchResultModel::fromWordStart(const QString &text)
{
    if (text.isEmpty() || !text.front().isLetterOrNumber())
        return text;
    // A word is at most this long; past it, the text has no break to start at.
    constexpr qsizetype kLongestWord = 40;
    for (qsizetype i = 1; i < qMin(text.size(), kLongestWord); ++i)
        if (text.at(i).isSpace())
            return u"…"_s + text.mid(i + 1);
    return text;
}

QByteArray SearchResultModel::visibleCsv() const
{
    auto field = [](QString value) {
        if (value.contains(u',') || value.contains(u'"') || value.contains(u'\n') || value.contains(u'\r'))
            value = u'"' + value.replace(u'"', u"\"\""_s) + u'"';
        return value;
    };
    QString csv = u"score,file,file_id,store,chunk,text,attributes\r\n"_s;
    for (int i : m_visible) {
        const SearchHit &hit = m_response.data.at(i);
        const QStringList row = {
            QString::number(hit.score, 'f', 4),
            field(hit.filename),
            QString::number(hit.fileId),
            field(storeName(hit.storeId)),
            hit.chunkOrdinals.isEmpty() ? QString() : QString::number(hit.chunkOrdinals.first()),
            field(hit.content.isEmpty() ? QString() : hit.content.first().simplified()),
            field(hit.attributes.isEmpty()
                      ? QString()
                      : QString::fromUtf8(QJsonDocument(hit.attributes).toJson(QJsonDocument::Compact)))};
        csv += row.join(u',') + u"\r\n"_s;
    }
    return csv.toUtf8();
}

int SearchResultModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_visible.size());
}

int SearchResultModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SearchResultModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SearchHit &hit = m_response.data.at(m_visible.at(index.row()));
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        switch (index.column()) {
        case ScoreColumn:
            return QLocale().toString(hit.score, 'f', 3);
        case FileColumn:
            return hit.filename;
        case StoreColumn:
            return storeName(hit.storeId);
        case TextColumn: {
            if (hit.content.isEmpty())
                return QString();
            const QString text = hit.content.first().simplified();
            return hit.chunkOrdinals.value(0) > 0 ? fromWordStart(text) : text;
        }
        case AttributesColumn:
            return format::attributesText(hit.attributes);
        }
        return {};
    case Qt::ToolTipRole:
        switch (index.column()) {
        case ScoreColumn:
            return tr("Relevance %1 (0..1)").arg(hit.score, 0, 'f', 4);
        case FileColumn:
            return tr("%1\nfile id %2 · store %3").arg(hit.filename).arg(hit.fileId).arg(storeName(hit.storeId));
        case StoreColumn:
            return tr("The store the file is in");
        case TextColumn:
            return tr("Select to read the whole chunk and its neighbours; Enter or double-click opens the file's "
                      "page at this chunk");
        case AttributesColumn:
            return hit.attributes.isEmpty()
                ? QVariant()
                : QString::fromUtf8(QJsonDocument(hit.attributes).toJson(QJsonDocument::Indented)).trimmed();
        }
        return {};
    case ScoreRole:
        return hit.score;
    case MatchedTermsRole:
        return hit.matchedTerms;
    case HitIndexRole:
        return m_visible.at(index.row());
    default:
        return {};
    }
}

QVariant SearchResultModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case ScoreColumn:
        return tr("Score");
    case FileColumn:
        return tr("File");
    case StoreColumn:
        return tr("Store");
    case TextColumn:
        return tr("Best chunk");
    case AttributesColumn:
        return tr("Attributes");
    default:
        return {};
    }
}

} // namespace vd::ui
