#pragma once

#include "ui/attach/attachjob.h"
#include "ui/attach/attachplan.h"

#include <QAbstractTableModel>

namespace vd::ui {

// The rows of an attach preview and, later, of its report: one per dropped file.
class AttachModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { NameColumn, SizeColumn, OutcomeColumn, ColumnCount };
    Q_ENUM(Column)

    explicit AttachModel(QObject *parent = nullptr);

    void setPlan(const AttachPlan &plan);
    const AttachPlan &plan() const { return m_plan; }
    const AttachItem *itemAt(int row) const;
    // Applies a batch from the attach job: one dataChanged over the rows it touched.
    void apply(const QList<AttachJob::Update> &updates);
    // A file's status changed in the store (the ingestion worker finished it).
    void setFileStatus(qint64 fileId, FileStatus status, const QString &error);
    // Failed and skipped rows become ready again (for "Retry failed").
    QList<int> resetForRetry();

    int count(AttachItem::State state) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString outcomeText(const AttachItem &item) const;
    void rowsChanged(int first, int last);

    AttachPlan m_plan;
    QHash<qint64, int> m_rowByFileId;
    bool m_preview = true; // nothing attached yet: refused rows "will be refused"
};

} // namespace vd::ui
