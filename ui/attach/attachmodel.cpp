#include "ui/attach/attachmodel.h"

#include "ui/models/displayformat.h"
#include "ui/models/modelroles.h"

#include <QColor>
#include <QIcon>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace vd::ui {

AttachModel::AttachModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void AttachModel::setPlan(const AttachPlan &plan)
{
    beginResetModel();
    m_plan = plan;
    m_rowByFileId.clear();
    m_preview = true;
    endResetModel();
}

const AttachItem *AttachModel::itemAt(int row) const
{
    return row >= 0 && row < m_plan.items.size() ? &m_plan.items.at(row) : nullptr;
}

void AttachModel::rowsChanged(int first, int last)
{
    if (first <= last)
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
}

void AttachModel::apply(const QList<AttachJob::Update> &updates)
{
    int first = int(m_plan.items.size());
    int last = -1;
    if (m_preview) {
        // Attaching started: files refused in the preview now read "Refused", not "Will be refused".
        m_preview = false;
        first = 0;
        last = int(m_plan.items.size()) - 1;
    }
    for (const AttachJob::Update &u : updates) {
        if (u.row < 0 || u.row >= m_plan.items.size())
            continue;
        AttachItem &item = m_plan.items[u.row];
        item.state = u.state;
        item.reason = u.reason;
        if (u.fileId) {
            item.fileId = u.fileId;
            item.fileStatus = u.fileStatus;
            m_rowByFileId.insert(u.fileId, u.row);
        }
        first = qMin(first, u.row);
        last = qMax(last, u.row);
    }
    rowsChanged(first, last);
}

void AttachModel::setFileStatus(qint64 fileId, FileStatus status, const QString &error)
{
    const auto it = m_rowByFileId.constFind(fileId);
    if (it == m_rowByFileId.cend())
        return;
    AttachItem &item = m_plan.items[*it];
    item.fileStatus = status;
    item.reason = error;
    rowsChanged(*it, *it);
}

QList<int> AttachModel::resetForRetry()
{
    QList<int> rows;
    for (int row = 0; row < m_plan.items.size(); ++row) {
        AttachItem &item = m_plan.items[row];
        if (item.state == AttachItem::State::Failed || item.state == AttachItem::State::Skipped) {
            item.state = AttachItem::State::Ready;
            item.reason.clear();
            rows.append(row);
        }
    }
    if (!rows.isEmpty())
        rowsChanged(rows.first(), rows.last());
    return rows;
}

int AttachModel::count(AttachItem::State state) const
{
    return int(std::count_if(m_plan.items.cbegin(), m_plan.items.cend(),
                             [state](const AttachItem &i) { return i.state == state; }));
}

int AttachModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_plan.items.size());
}

int AttachModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString AttachModel::outcomeText(const AttachItem &item) const
{
    switch (item.state) {
    case AttachItem::State::Ready:
        return tr("Will be attached");
    case AttachItem::State::Refused:
        return m_preview ? tr("Will be refused: %1").arg(item.reason) : tr("Refused: %1").arg(item.reason);
    case AttachItem::State::Attaching:
        return tr("Attaching…");
    case AttachItem::State::Attached:
        if (item.fileStatus == FileStatus::Failed)
            return item.reason.isEmpty() ? tr("Attached; indexing failed") : tr("Indexing failed: %1").arg(item.reason);
        return tr("Attached · %1").arg(format::statusText(item.fileStatus.value_or(FileStatus::InProgress)));
    case AttachItem::State::Failed:
        return tr("Failed: %1").arg(item.reason);
    case AttachItem::State::Skipped:
        return tr("Skipped: cancelled before its turn");
    }
    return {};
}

QVariant AttachModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AttachItem &item = m_plan.items.at(index.row());
    const bool bad = item.state == AttachItem::State::Refused || item.state == AttachItem::State::Failed
        || (item.state == AttachItem::State::Attached && item.fileStatus == FileStatus::Failed);
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        switch (index.column()) {
        case NameColumn:
            return item.name;
        case SizeColumn:
            return format::bytes(item.sizeBytes);
        case OutcomeColumn:
            return outcomeText(item);
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == NameColumn)
            return item.path;
        if (index.column() == OutcomeColumn)
            return outcomeText(item);
        return {};
    case Qt::DecorationRole:
        if (index.column() != OutcomeColumn)
            return {};
        if (bad)
            return QIcon(u":/icons/actions/error.svg"_s);
        if (item.state == AttachItem::State::Skipped)
            return QIcon(u":/icons/actions/warning.svg"_s);
        return {};
    case Qt::ForegroundRole:
        if (index.column() != OutcomeColumn)
            return {};
        if (bad)
            return QColor(0xb0, 0x2a, 0x37);
        if (item.state == AttachItem::State::Attached)
            return QColor(0x1e, 0x7b, 0x34);
        if (item.state == AttachItem::State::Skipped)
            return QColor(0x9a, 0x67, 0x00);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == SizeColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case IdRole:
        return item.fileId;
    case StatusRole:
        return int(item.state);
    default:
        return {};
    }
}

QVariant AttachModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("File");
    case SizeColumn:
        return tr("Size");
    case OutcomeColumn:
        return tr("Outcome");
    default:
        return {};
    }
}

} // namespace vd::ui
