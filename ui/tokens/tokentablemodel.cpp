#include "ui/tokens/tokentablemodel.h"

#include "ui/data/servicerunner.h"
#include "ui/models/displayformat.h"
#include "ui/models/modelroles.h"

#include <QDateTime>

#include <limits>

using namespace Qt::StringLiterals;

namespace vd::ui {

TokenTableModel::TokenTableModel(ServiceRunner *runner, QObject *parent)
    : ServiceTableModel(runner, parent)
{ }

qint64 TokenTableModel::now() const
{
    return m_clock ? m_clock() : QDateTime::currentMSecsSinceEpoch();
}

void TokenTableModel::setTenant(qint64 tenantId)
{
    if (tenantId == m_tenantId)
        return;
    m_tenantId = tenantId;
    // Another tenant's tokens must not stay visible while this tenant's load.
    beginResetModel();
    m_tokens.clear();
    endResetModel();
    if (tenantId == 0) {
        abandonRequests();
        Q_EMIT loadFinished();
        return;
    }
    reload();
}

void TokenTableModel::setIncludeInactive(bool include)
{
    if (include == m_includeInactive)
        return;
    m_includeInactive = include;
    reload();
}

void TokenTableModel::reload()
{
    if (m_tenantId == 0)
        return;
    const quint64 generation = startRequest();
    const QString tenantRef = QString::number(m_tenantId);
    runner()->run(
        this,
        [tenantRef, inactive = m_includeInactive](VectorStoreService &service) {
            return service.listApiTokens(tenantRef, inactive);
        },
        [this, generation](Result<QList<ApiToken>> result) {
            if (!isCurrent(generation))
                return;
            beginResetModel();
            if (result)
                m_tokens = std::move(result).value();
            else
                m_tokens.clear();
            endResetModel();
            if (result)
                finishSuccess();
            else
                finishFailure(result.error());
        });
}

const ApiToken *TokenTableModel::tokenAt(int row) const
{
    return row >= 0 && row < m_tokens.size() ? &m_tokens.at(row) : nullptr;
}

int TokenTableModel::rowOfToken(qint64 tokenId) const
{
    for (int i = 0; i < m_tokens.size(); ++i)
        if (m_tokens.at(i).id == tokenId)
            return i;
    return -1;
}

int TokenTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_tokens.size());
}

int TokenTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString TokenTableModel::stateText(const ApiToken &token) const
{
    const QString state = token.state(now());
    if (state == u"revoked"_s)
        return tr("Revoked %1").arg(format::dateTime(*token.revokedAt));
    if (state == u"expired"_s)
        return tr("Expired");
    return tr("Active");
}

QVariant TokenTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ApiToken &token = m_tokens.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        switch (column) {
        case NameColumn:
            return token.name;
        case RoleColumn:
            return format::roleText(token.role);
        case PrefixColumn:
            return QString(token.prefix + u"…"_s);
        case CreatedColumn:
            return tr("%1 by %2").arg(format::dateTime(token.createdAt), token.createdBy);
        case ExpiresColumn:
            return token.expiresAt ? format::dateTime(*token.expiresAt) : tr("never");
        case StateColumn:
            return stateText(token);
        }
        return {};
    case Qt::ToolTipRole:
        if (column == PrefixColumn)
            return tr("The first characters of the secret, to tell which token a configured or leaked secret is");
        if (column == ExpiresColumn)
            return format::expiresIn(token.expiresAt, now());
        return {};
    case SortRole:
        switch (column) {
        case NameColumn:
            return token.name.toLower();
        case RoleColumn:
            return int(token.role);
        case PrefixColumn:
            return token.prefix;
        case CreatedColumn:
            return token.createdAt;
        case ExpiresColumn:
            return token.expiresAt.value_or(std::numeric_limits<qint64>::max());
        case StateColumn:
            return token.state(now());
        }
        return {};
    case IdRole:
        return token.id;
    case RefRole:
        return QString::number(token.id);
    case StatusRole:
        return token.state(now());
    default:
        return {};
    }
}

QVariant TokenTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case RoleColumn:
        return tr("Role");
    case PrefixColumn:
        return tr("Secret starts");
    case CreatedColumn:
        return tr("Created");
    case ExpiresColumn:
        return tr("Expires");
    case StateColumn:
        return tr("State");
    }
    return {};
}

} // namespace vd::ui
