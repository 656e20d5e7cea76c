#pragma once

#include "core/domain/types.h"
#include "core/service/vectorstoreservice.h"
#include "ui/models/displayformat.h"
#include "ui/models/servicetablemodel.h"

#include <QHash>
#include <QList>

#include <functional>

namespace vd::ui {

// The live files of one store, loaded in batches as the view scrolls (canFetchMore/fetchMore),
// so a store with 100k files opens as fast as one with ten. Sorting and the name filter run in
// the database: the order is right over all files, not only over the batches loaded so far.
class FileTableModel : public ServiceTableModel
{
    Q_OBJECT

public:
    enum Column {
        NameColumn,
        TypeColumn,
        SizeColumn,
        StatusColumn,
        AttributesColumn,
        UpdatedColumn,
        ErrorColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    static constexpr int DefaultBatchSize = 500;

    explicit FileTableModel(ServiceRunner *runner, QObject *parent = nullptr);

    // Shows the files of a store of a tenant (by ids); 0 shows none. Loads at once.
    void setStore(qint64 tenantId, qint64 storeId);
    qint64 storeId() const { return m_storeId; }
    // Only files whose name contains the text (case-insensitive); empty: all files.
    void setNameFilter(const QString &text);
    const QString &nameFilter() const { return m_nameFilter; }
    void setBatchSize(int rows) { m_batchSize = qMax(1, rows); }
    int batchSize() const { return m_batchSize; }
    // How many files match (the view may have loaded fewer so far); -1 before the first load.
    qint64 totalCount() const { return m_total; }
    bool isFetching() const { return m_fetching; }
    // Whether totalCount() is the database's count; the first rows may show before it is in.
    bool isTotalKnown() const { return m_totalKnown; }

    void reload() override;

    // Whether the database can sort by a column; the attribute and error columns cannot.
    static bool isSortable(int column);
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }

    const StoreFile *fileAt(int row) const;
    // The row of a loaded file; -1 when it is not loaded.
    int rowOf(qint64 fileId) const { return m_rowById.value(fileId, -1); }
    // A file's status changed (the ingestion worker finished it): updates its row in place, so
    // selection and scroll position stay. Files not loaded are ignored.
    void setFileStatus(qint64 fileId, FileStatus status, const QString &errorMessage);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }

Q_SIGNALS:
    // A batch was appended (or fetching it failed); totalCount() and rowCount() may have changed.
    void fetchFinished();

private:
    struct Request
    {
        QString tenantRef;
        QString storeRef;
        FileQuery query;
    };
    Request request(qint64 offset) const;
    qint64 now() const;
    QVariant displayData(const StoreFile &file, int column) const;
    QVariant sortData(const StoreFile &file, int column) const;
    QVariant toolTipData(const StoreFile &file, int column) const;

    qint64 m_tenantId = 0;
    qint64 m_storeId = 0;
    QString m_nameFilter;
    int m_sortColumn = NameColumn;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    int m_batchSize = DefaultBatchSize;
    QList<StoreFile> m_files;
    QHash<qint64, int> m_rowById;
    qint64 m_total = -1;
    bool m_reloading = false; // a reload is in flight: the rows shown are about to be replaced
    bool m_fetching = false; // a batch is in flight
    bool m_fetchFailed = false;
    bool m_endReached = false; // a short page was received: every row is loaded
    bool m_totalKnown = false;
    StatusBadges m_badges;
    std::function<qint64()> m_clock;
};

} // namespace vd::ui
