#pragma once

#include "core/domain/types.h"

#include <QAbstractTableModel>

namespace vd::ui {

class ServiceRunner;

// The chunks of one file, read in pages of `pageSize` from VectorStoreService::fileChunks on a
// worker thread as the table scrolls (canFetchMore/fetchMore), so a file of 10,000 chunks opens
// without the GUI thread waiting. The previews are made on the worker too.
class ChunkModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { OrdinalColumn, TokensColumn, OffsetsColumn, TextColumn, ColumnCount };
    Q_ENUM(Column)
    static constexpr int kPageSize = 250;

    struct Row
    {
        Chunk chunk;
        QString preview; // the start of the text on one line
    };

    explicit ChunkModel(ServiceRunner *runner, QObject *parent = nullptr);

    // Starts over with the chunks of this file (0: none).
    void setFile(qint64 tenantId, qint64 storeId, qint64 fileId);
    // Keeps loading pages until `ordinal` is loaded (or the file ends); loaded() says when.
    void loadThrough(int ordinal);
    const Row *rowAt(int row) const;
    int rowOfOrdinal(int ordinal) const;
    bool isLoading() const { return m_loading; }
    bool hasMore() const { return m_hasMore; }
    QString error() const { return m_error; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

Q_SIGNALS:
    // A page arrived (or failed: error() says why).
    void pageLoaded();

private:
    void loadPage(int count);

    ServiceRunner *m_runner = nullptr;
    qint64 m_tenantId = 0;
    qint64 m_storeId = 0;
    qint64 m_fileId = 0;
    quint64 m_generation = 0;
    bool m_loading = false;
    bool m_hasMore = false;
    int m_target = -1;
    QString m_error;
    QList<Row> m_rows;
};

} // namespace vd::ui
