#pragma once

#include "storage/databaseurl.h"

#include <QGroupBox>

class QLabel;
class QLineEdit;
class QPushButton;

namespace vd::openai {
class CredentialStore;
}

namespace vd::ui {

// The OpenAI key of one tenant in Settings (docs/gui.md): stored in the OS keychain through
// openai::CredentialStore, never in QSettings, and never shown again once saved ("sk-…abcd
// set"). Test makes the same cheap authenticated call as `vectordesk key test`, off the GUI
// thread.
class OpenAIKeyBox : public QGroupBox
{
    Q_OBJECT

public:
    OpenAIKeyBox(const DatabaseUrl &url, qint64 tenantId, const QString &tenantSlug, QWidget *parent = nullptr);

    QLineEdit *keyField() const { return m_key; }
    QPushButton *saveButton() const { return m_save; }
    QPushButton *testButton() const { return m_test; }
    QPushButton *clearButton() const { return m_clear; }
    QLabel *stateLabel() const { return m_state; }
    bool isBusy() const { return m_busy; }
    // Why the operator may not change the key ("Needs the admin role in acme; …"); empty: may.
    void setRoleProblem(const QString &problem);

Q_SIGNALS:
    void busyChanged(bool busy);

private:
    void readState();
    void save();
    void clear();
    void test();
    void setBusy(bool busy, const QString &message = {});
    void showState(const QString &text, bool problem);

    DatabaseUrl m_url;
    qint64 m_tenantId = 0;
    QString m_slug;
    openai::CredentialStore *m_store = nullptr;
    QLineEdit *m_key = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_test = nullptr;
    QPushButton *m_clear = nullptr;
    QLabel *m_state = nullptr;
    bool m_busy = false;
    QString m_roleProblem;
};

} // namespace vd::ui
