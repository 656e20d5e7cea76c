#pragma once

#include "core/domain/apitoken.h"
#include "ui/models/servicetablemodel.h"

#include <QList>

#include <functional>

namespace vd::ui {

// The API tokens of one tenant (VectorStoreService::listApiTokens, admin only), loaded off the
// GUI thread by the ServiceRunner. Never holds a secret: a token as listed has only its prefix.
// GUI thread only.
class TokenTableModel : public ServiceTableModel
{
    Q_OBJECT

public:
    enum Column { NameColumn, RoleColumn, PrefixColumn, CreatedColumn, ExpiresColumn, StateColumn, ColumnCount };

    explicit TokenTableModel(ServiceRunner *runner, QObject *parent = nullptr);

    // Shows the tokens of another tenant (0: none) and loads them.
    void setTenant(qint64 tenantId);
    qint64 tenantId() const { return m_tenantId; }
    // Revoked and expired tokens too (they stay for the audit trail).
    void setIncludeInactive(bool include);
    bool includesInactive() const { return m_includeInactive; }
    void reload() override;

    const ApiToken *tokenAt(int row) const;
    int rowOfToken(qint64 tokenId) const;
    // For tests: the clock that decides "expired" (unix milliseconds).
    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    qint64 now() const;
    QString stateText(const ApiToken &token) const;

    qint64 m_tenantId = 0;
    bool m_includeInactive = false;
    QList<ApiToken> m_tokens;
    std::function<qint64()> m_clock;
};

} // namespace vd::ui
