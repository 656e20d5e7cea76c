#pragma once

#include "core/domain/searchrequest.h"

#include <QAbstractTableModel>
#include <QHash>

namespace vd::ui {

// The results of one playground search. All fetched hits are kept; the threshold hides those
// scoring below it without searching again (the slider re-filters at once).
class SearchResultModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { ScoreColumn, FileColumn, StoreColumn, TextColumn, AttributesColumn, ColumnCount };
    Q_ENUM(Column)
    enum Role { ScoreRole = Qt::UserRole + 100, MatchedTermsRole, HitIndexRole };

    explicit SearchResultModel(QObject *parent = nullptr);

    // storeNames: store id -> name, for the store a hit came from.
    void setResponse(const SearchResponse &response, const QHash<qint64, QString> &storeNames);
    void clear();
    const SearchResponse &response() const { return m_response; }
    int fetchedCount() const { return int(m_response.data.size()); }

    void setThreshold(double threshold);
    double threshold() const { return m_threshold; }

    const SearchHit *hitAt(int row) const;
    QString storeName(qint64 storeId) const { return m_storeNames.value(storeId); }
    // The visible results in OpenAI's response shape.
    QJsonObject visibleJson() const;
    // The visible results as CSV: score, file, file id, store, chunk, text, attributes.
    QByteArray visibleCsv() const;
    // `text` from its first whole word: a chunk that does not start its file may begin inside a
    // word (chunks start at a token), so the partial word is cut and "…" says so.
    static QString fromWordStart(const QString &text);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void rebuildVisible();

    SearchResponse m_response;
    QHash<qint64, QString> m_storeNames;
    QList<int> m_visible; // indexes into m_response.data
    double m_threshold = 0;
};

} // namespace vd::ui
