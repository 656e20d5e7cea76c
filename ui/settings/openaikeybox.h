#pragma once

#include "core/storage/databaseurl.h"

#include <QGroupBox>
#include <QList>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace vd::openai {
class CredentialStore;
}

namespace vd::ui {

// The OpenAI key of each tenant in Settings (docs/gui.md), one tenant at a time: stored in the OS
// keychain through openai::CredentialStore, never in QSettings, and never shown again once saved
// ("sk-…abcd set"). Test makes the same cheap authenticated call as `vectordesk key test`, off
// the GUI thread.
class OpenAIKeyBox : public QGroupBox
{
    Q_OBJECT

public:
    struct Tenant
    {
        qint64 id = 0;
        QString slug;
        QString displayName;
        // Why the operator may not change this tenant's key ("Needs the admin role in acme; …");
        // empty: may.
        QString roleProblem;
    };

    // tenants: every tenant the operator sees; the one with currentTenantId is shown first.
    // operatorName: who tests a key (through the service, with that operator's role).
    OpenAIKeyBox(const DatabaseUrl &url, const QString &operatorName, const QList<Tenant> &tenants,
                 qint64 currentTenantId, QWidget *parent = nullptr);

    // Shows the key of another tenant (not while a key is being saved or removed).
    void selectTenant(qint64 tenantId);
    qint64 tenantId() const { return m_tenant.id; }

    QComboBox *tenantBox() const { return m_tenantBox; }
    QLineEdit *keyField() const { return m_key; }
    QPushButton *saveButton() const { return m_save; }
    QPushButton *testButton() const { return m_test; }
    QPushButton *clearButton() const { return m_clear; }
    QLabel *stateLabel() const { return m_state; }
    bool isBusy() const { return m_busy; }

Q_SIGNALS:
    void busyChanged(bool busy);
    // The state line changed (its height may have).
    void stateShown();

private:
    void showTenant(const Tenant &tenant);
    void readState();
    void save();
    void clear();
    void test();
    // writing: saving or removing a key, which must finish for the tenant it started on.
    void setBusy(bool busy, const QString &message = {}, bool writing = false);
    void showState(const QString &text, bool problem);

    DatabaseUrl m_url;
    QString m_operatorName;
    QList<Tenant> m_tenants;
    Tenant m_tenant;
    quint64 m_generation = 0; // bumped when another tenant is shown: late answers are dropped
    openai::CredentialStore *m_store = nullptr;
    QComboBox *m_tenantBox = nullptr;
    QLineEdit *m_key = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_test = nullptr;
    QPushButton *m_clear = nullptr;
    QLabel *m_state = nullptr;
    bool m_busy = false;
    bool m_writing = false;
};

} // namespace vd::ui
