// The OpenAI key box against a real Secret Service (run inside tests/openai/with-keyring.sh):
// a key saved for one tenant shows masked for that tenant only, survives reopening the dialog,
// and Clear removes it; switching tenants never carries a typed key over.

#include "ui/settings/openaikeybox.h"
#include "ui/settings/settingsdialog.h"
#include "uifixture.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using vd::ui::OpenAIKeyBox;
using vd::ui::SettingsDialog;

class tst_UiKeys : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void keysArePerTenant();

private:
    vd::test::UiFixture m_fixture;
    QList<OpenAIKeyBox::Tenant> m_tenants;
};

void tst_UiKeys::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qunsetenv("VECTORDESK_OPENAI_API_KEY");
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        QFAIL("no D-Bus session: run this test through tests/openai/with-keyring.sh (as ctest does)");
    QVERIFY(m_fixture.create());
    m_tenants = {{m_fixture.acme, u"acme"_s, u"Acme Corp"_s, {}}, {m_fixture.globex, u"globex"_s, u"Globex"_s, {}}};
}

void tst_UiKeys::keysArePerTenant()
{
    const QString key = u"sk-test-keybox-0123456789WXYZ"_s;
    {
        SettingsDialog dialog;
        dialog.addOpenAIKeys(m_fixture.url, m_fixture.operatorName, m_tenants, m_fixture.acme);
        OpenAIKeyBox *box = dialog.openAIKeyBox();
        QTRY_VERIFY_WITH_TIMEOUT(!box->isBusy(), 20'000);
        QVERIFY2(box->stateLabel()->text().startsWith(u"Not set"_s), qPrintable(box->stateLabel()->text()));
        box->keyField()->setText(key);
        QTest::mouseClick(box->saveButton(), Qt::LeftButton);
        QVERIFY(!box->tenantBox()->isEnabled()); // the key is saved for the tenant it was typed for
        QTRY_VERIFY_WITH_TIMEOUT(!box->isBusy(), 20'000);
        QCOMPARE(box->stateLabel()->text(), u"sk-…WXYZ set (in the keychain)"_s);
        QVERIFY(box->keyField()->text().isEmpty());
        QVERIFY(box->tenantBox()->isEnabled());

        // Globex has no key; what was typed for it stays with it.
        box->selectTenant(m_fixture.globex);
        QTRY_VERIFY_WITH_TIMEOUT(!box->isBusy(), 20'000);
        QVERIFY2(box->stateLabel()->text().startsWith(u"Not set"_s), qPrintable(box->stateLabel()->text()));
    }
    // Reopened on globex, switched to acme: acme's key is still there, masked.
    SettingsDialog again;
    again.addOpenAIKeys(m_fixture.url, m_fixture.operatorName, m_tenants, m_fixture.globex);
    OpenAIKeyBox *box = again.openAIKeyBox();
    QCOMPARE(box->tenantId(), m_fixture.globex);
    QTRY_VERIFY_WITH_TIMEOUT(!box->isBusy(), 20'000);
    box->tenantBox()->setCurrentIndex(box->tenantBox()->findData(m_fixture.acme));
    Q_EMIT box->tenantBox()->activated(box->tenantBox()->currentIndex()); // as a user's choice does
    QCOMPARE(box->tenantId(), m_fixture.acme);
    QTRY_VERIFY_WITH_TIMEOUT(!box->isBusy(), 20'000);
    QCOMPARE(box->stateLabel()->text(), u"sk-…WXYZ set (in the keychain)"_s);
    QTest::mouseClick(box->clearButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!box->isBusy(), 20'000);
    QVERIFY2(box->stateLabel()->text().startsWith(u"Not set"_s), qPrintable(box->stateLabel()->text()));
    const QSettings settings;
    for (const QString &name : settings.allKeys())
        QVERIFY2(!settings.value(name).toString().contains(u"0123456789"_s), qPrintable(name));
}

QTEST_MAIN(tst_UiKeys)
#include "tst_ui_keys.moc"
