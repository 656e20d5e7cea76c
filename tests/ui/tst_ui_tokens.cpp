// The API tokens dialog offscreen (docs/gui.md): an admin of the tenant creates a token, sees its
// secret once (copy button, "shown once" warning, gone when dismissed or closed), lists and
// revokes it with a confirmation; every step is checked in the database through the service.
// A viewer or editor finds the action disabled with the reason, and the service refuses them
// even when the dialog is opened for them directly.

#include "core/domain/apitoken.h"
#include "ui/actions/storeactions.h"
#include "ui/data/servicerunner.h"
#include "ui/mainwindow.h"
#include "ui/models/storetablemodel.h"
#include "ui/panels/filepanel.h"
#include "ui/panels/storepanel.h"
#include "ui/tokens/tokensdialog.h"
#include "ui/tokens/tokentablemodel.h"
#include "uidriver.h"
#include "uifixture.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QFrame>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;
using vd::test::topLevel;
using vd::ui::MainWindow;
using vd::ui::TokensDialog;

namespace {

constexpr qint64 kDayMs = 24LL * 60 * 60 * 1000;

// Every text the dialog shows (labels, fields, tooltips, table cells), to prove a secret is gone.
QStringList everyTextIn(TokensDialog *dialog)
{
    QStringList texts;
    for (auto *label : dialog->findChildren<QLabel *>())
        texts << label->text() << label->toolTip();
    for (auto *field : dialog->findChildren<QLineEdit *>())
        texts << field->text() << field->toolTip();
    const QAbstractItemModel *model = dialog->model();
    for (int row = 0; row < model->rowCount(); ++row)
        for (int column = 0; column < model->columnCount(); ++column)
            for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole), int(Qt::AccessibleTextRole)})
                texts << model->index(row, column).data(role).toString();
    return texts;
}

bool selectToken(TokensDialog *dialog, const QString &name)
{
    const int row = vd::test::rowNamed(dialog->model(), name);
    if (row < 0)
        return false;
    dialog->view()->selectionModel()->select(dialog->model()->index(row, 0),
                                             QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    return true;
}

} // namespace

class tst_UiTokens : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void adminCreatesSeesOnceListsAndRevokes();
    void aClashingNameChangesNothing();
    void memberBelowAdminCannot_data();
    void memberBelowAdminCannot();

private:
    bool showAndSettle(MainWindow &window);
    TokensDialog *openTokens(MainWindow &window);
    // The tenant's tokens as the service lists them (to the instance administrator).
    QList<vd::ApiToken> tokensInDatabase(bool includeInactive);
    vd::Result<vd::TokenPrincipal> authenticate(const QString &secret);

    vd::test::UiFixture m_fixture;
};

void tst_UiTokens::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale::c());
    QVERIFY(m_fixture.create());
    vd::Database db(m_fixture.url);
    QString error;
    QVERIFY2(db.open(&error), qPrintable(error));
    vd::CoreSession session(db, m_fixture.operatorName);
    for (auto [name, role] : {std::pair{u"adele"_s, vd::Role::Admin}, std::pair{u"victor"_s, vd::Role::Viewer},
                              std::pair{u"eddie"_s, vd::Role::Editor}}) {
        auto member = session.service().addMember(u"acme"_s, name, role);
        QVERIFY2(member, member ? "" : qPrintable(member.error().message()));
    }
}

void tst_UiTokens::init()
{
    QSettings().clear();
}

bool tst_UiTokens::showAndSettle(MainWindow &window)
{
    window.resize(1280, 800);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return false;
    return QTest::qWaitFor(
        [&] {
            return window.storeActions()->currentRole().has_value() && !window.storePanel()->model()->isLoading()
                && window.storePanel()->tenantSlug() == u"acme"_s;
        },
        10'000);
}

TokensDialog *tst_UiTokens::openTokens(MainWindow &window)
{
    QAction *action = window.storeActions()->apiTokens();
    if (!action->isEnabled())
        return nullptr;
    action->trigger();
    TokensDialog *dialog = window.storeActions()->tokensDialog();
    if (!dialog || !QTest::qWaitForWindowExposed(dialog))
        return nullptr;
    if (!QTest::qWaitFor([&] { return !dialog->model()->isLoading(); }, 10'000))
        return nullptr;
    return dialog;
}

QList<vd::ApiToken> tst_UiTokens::tokensInDatabase(bool includeInactive)
{
    vd::Database db(m_fixture.url);
    QString error;
    if (!db.open(&error)) {
        qWarning("%s", qPrintable(error));
        return {};
    }
    vd::CoreSession session(db, m_fixture.operatorName);
    auto tokens = session.service().listApiTokens(u"acme"_s, includeInactive);
    if (!tokens)
        qWarning("%s", qPrintable(tokens.error().message()));
    return tokens ? tokens.value() : QList<vd::ApiToken>{};
}

vd::Result<vd::TokenPrincipal> tst_UiTokens::authenticate(const QString &secret)
{
    vd::Database db(m_fixture.url);
    QString error;
    if (!db.open(&error))
        return vd::ServiceError::unavailable(error);
    return vd::VectorStoreService::authenticateToken(db, secret, QDateTime::currentMSecsSinceEpoch());
}

void tst_UiTokens::adminCreatesSeesOnceListsAndRevokes()
{
    MainWindow window(m_fixture.url, u"adele"_s);
    QVERIFY(showAndSettle(window));
    QCOMPARE(window.storeActions()->currentRole(), vd::Role::Admin);
    QAction *action = window.storeActions()->apiTokens();
    QVERIFY(action->isEnabled());
    TokensDialog *dialog = openTokens(window);
    QVERIFY(dialog);
    QAbstractItemModelTester tester(dialog->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(dialog->windowTitle(), u"API tokens · acme"_s);
    QCOMPARE(dialog->model()->rowCount(), 0);
    QVERIFY(!dialog->secretPanel()->isVisible());
    QVERIFY(!dialog->createButton()->isEnabled()); // no name yet
    QVERIFY(!dialog->revokeButton()->isEnabled()); // nothing selected

    // Create: an editor token that expires in 30 days.
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    QTest::keyClicks(dialog->nameField(), u"ci-pipeline"_s);
    dialog->roleBox()->setCurrentIndex(dialog->roleBox()->findData(u"editor"_s));
    QVERIFY(dialog->expiresBox()->isChecked());
    dialog->expiryDaysBox()->setValue(30);
    QVERIFY(dialog->createButton()->isEnabled());
    QTest::mouseClick(dialog->createButton(), Qt::LeftButton);
    QTRY_VERIFY(dialog->secretPanel()->isVisible());
    QTRY_VERIFY(!dialog->model()->isLoading());
    const QString secret = dialog->secretField()->text();
    QVERIFY2(vd::apitokens::looksLikeSecret(secret), qPrintable(secret));
    QVERIFY(dialog->secretField()->isReadOnly());
    const QString warning = dialog->findChild<QLabel *>(u"tokenSecretWarning"_s)->text();
    QVERIFY2(warning.contains(u"shown only this once"_s) && warning.contains(u"ci-pipeline"_s), qPrintable(warning));
    QCOMPARE(dialog->statusLabel()->text(), u"Created API token ci-pipeline (editor) in acme."_s);
    QVERIFY(dialog->nameField()->text().isEmpty());

    // The database has it, with its role and expiry, and the secret shown authenticates as it.
    QList<vd::ApiToken> stored = tokensInDatabase(false);
    QCOMPARE(stored.size(), 1);
    const vd::ApiToken token = stored.first();
    QCOMPARE(token.name, u"ci-pipeline"_s);
    QCOMPARE(token.role, vd::Role::Editor);
    QCOMPARE(token.createdBy, u"adele"_s);
    QVERIFY(token.createdAt >= before);
    QVERIFY(token.expiresAt.has_value());
    QCOMPARE(*token.expiresAt - token.createdAt, 30 * kDayMs);
    QCOMPARE(token.prefix, vd::apitokens::prefixOf(secret));
    auto principal = authenticate(secret);
    QVERIFY2(principal, principal ? "" : qPrintable(principal.error().message()));
    QCOMPARE(principal->tokenId, token.id);
    QCOMPARE(principal->role, vd::Role::Editor);
    QCOMPARE(principal->tenantId, m_fixture.acme);

    // Listed: name, role, prefix, expiry, state; never the secret.
    QCOMPARE(dialog->model()->rowCount(), 1);
    const QAbstractItemModel *model = dialog->model();
    QCOMPARE(model->index(0, vd::ui::TokenTableModel::NameColumn).data().toString(), u"ci-pipeline"_s);
    QCOMPARE(model->index(0, vd::ui::TokenTableModel::RoleColumn).data().toString(), u"Editor"_s);
    QCOMPARE(model->index(0, vd::ui::TokenTableModel::PrefixColumn).data().toString(), QString(token.prefix + u"…"_s));
    QCOMPARE(model->index(0, vd::ui::TokenTableModel::StateColumn).data().toString(), u"Active"_s);
    QVERIFY(model->index(0, vd::ui::TokenTableModel::CreatedColumn).data().toString().endsWith(u" by adele"_s));
    QVERIFY(model->index(0, vd::ui::TokenTableModel::ExpiresColumn).data().toString() != u"never"_s);

    // Copy puts exactly the secret on the clipboard.
    QApplication::clipboard()->clear();
    QTest::mouseClick(dialog->copyButton(), Qt::LeftButton);
    QCOMPARE(QApplication::clipboard()->text(), secret);
    QApplication::clipboard()->clear();

    // Shown once: dismissed, it is nowhere in the dialog any more.
    QTest::mouseClick(dialog->dismissSecretButton(), Qt::LeftButton);
    QVERIFY(!dialog->secretPanel()->isVisible());
    QVERIFY(dialog->secretField()->text().isEmpty());
    for (const QString &text : everyTextIn(dialog))
        QVERIFY2(!text.contains(secret), qPrintable(text));

    // A second token that never expires; closing the dialog forgets its secret as well.
    QTest::keyClicks(dialog->nameField(), u"reporting"_s);
    dialog->roleBox()->setCurrentIndex(dialog->roleBox()->findData(u"viewer"_s));
    QTest::mouseClick(dialog->expiresBox(), Qt::LeftButton);
    QVERIFY(!dialog->expiresBox()->isChecked());
    QVERIFY(!dialog->expiryDaysBox()->isEnabled());
    QTest::keyClick(dialog->nameField(), Qt::Key_Return);
    QTRY_VERIFY(dialog->secretPanel()->isVisible());
    QTRY_COMPARE(dialog->model()->rowCount(), 2);
    const QString secondSecret = dialog->secretField()->text();
    QVERIFY(secondSecret != secret);
    dialog->close();
    QTRY_VERIFY(!window.storeActions()->tokensDialog());
    dialog = openTokens(window);
    QVERIFY(dialog);
    QCOMPARE(dialog->model()->rowCount(), 2);
    QVERIFY(!dialog->secretPanel()->isVisible());
    for (const QString &text : everyTextIn(dialog))
        QVERIFY2(!text.contains(secondSecret) && !text.contains(secret), qPrintable(text));
    stored = tokensInDatabase(false);
    QCOMPARE(stored.size(), 2);
    QCOMPARE(stored.at(1).name, u"reporting"_s);
    QCOMPARE(stored.at(1).role, vd::Role::Viewer);
    QVERIFY(!stored.at(1).expiresAt.has_value());
    QCOMPARE(dialog->model()
                 ->index(vd::test::rowNamed(dialog->model(), u"reporting"_s), vd::ui::TokenTableModel::ExpiresColumn)
                 .data()
                 .toString(),
             u"never"_s);

    // Revoke, cancelled first: nothing changes.
    QVERIFY(selectToken(dialog, u"ci-pipeline"_s));
    QVERIFY(dialog->revokeButton()->isEnabled());
    QTest::mouseClick(dialog->revokeButton(), Qt::LeftButton);
    QMessageBox *confirmation = nullptr;
    QTRY_VERIFY((confirmation = topLevel<QMessageBox>(u"revokeTokenConfirmation"_s))
                || (confirmation = dialog->findChild<QMessageBox *>(u"revokeTokenConfirmation"_s)));
    QVERIFY(confirmation->informativeText().contains(token.prefix));
    confirmation->button(QMessageBox::Cancel)->click();
    QTRY_VERIFY(!dialog->findChild<QMessageBox *>(u"revokeTokenConfirmation"_s));
    QVERIFY(authenticate(secret));
    QCOMPARE(tokensInDatabase(false).size(), 2);

    // ... then confirmed: the token stops working at once and leaves the active list.
    QVERIFY(selectToken(dialog, u"ci-pipeline"_s));
    QTest::mouseClick(dialog->revokeButton(), Qt::LeftButton);
    QTRY_VERIFY((confirmation = dialog->findChild<QMessageBox *>(u"revokeTokenConfirmation"_s)));
    QTest::mouseClick(confirmation->findChild<QPushButton *>(u"confirmRevokeButton"_s), Qt::LeftButton);
    QTRY_COMPARE(dialog->statusLabel()->text(), u"Revoked API token ci-pipeline of acme."_s);
    QTRY_COMPARE(dialog->model()->rowCount(), 1);
    QCOMPARE(vd::test::rowNamed(dialog->model(), u"ci-pipeline"_s), -1);
    QVERIFY(!authenticate(secret));
    auto all = tokensInDatabase(true);
    QCOMPARE(all.size(), 2);
    QCOMPARE(all.at(0).name, u"ci-pipeline"_s);
    QVERIFY(all.at(0).revokedAt.has_value());
    QVERIFY(!all.at(1).revokedAt.has_value());
    QVERIFY(authenticate(secondSecret));

    // Revoked tokens show on request, and cannot be revoked again.
    dialog->showInactiveBox()->setChecked(true);
    QTRY_COMPARE(dialog->model()->rowCount(), 2);
    QTRY_VERIFY(!dialog->model()->isLoading());
    const int revokedRow = vd::test::rowNamed(dialog->model(), u"ci-pipeline"_s);
    QVERIFY(dialog->model()
                ->index(revokedRow, vd::ui::TokenTableModel::StateColumn)
                .data()
                .toString()
                .startsWith(u"Revoked "_s));
    QVERIFY(selectToken(dialog, u"ci-pipeline"_s));
    QVERIFY(!dialog->revokeButton()->isEnabled());
    QCOMPARE(dialog->revokeButton()->toolTip(), u"ci-pipeline is already revoked."_s);
    dialog->close();
}

void tst_UiTokens::aClashingNameChangesNothing()
{
    MainWindow window(m_fixture.url, u"adele"_s);
    QVERIFY(showAndSettle(window));
    TokensDialog *dialog = openTokens(window);
    QVERIFY(dialog);
    const qsizetype before = tokensInDatabase(true).size();
    QVERIFY(vd::test::rowNamed(dialog->model(), u"reporting"_s) >= 0); // from the test before
    QTest::keyClicks(dialog->nameField(), u"REPORTING"_s);
    QTest::mouseClick(dialog->createButton(), Qt::LeftButton);
    QTRY_VERIFY(dialog->statusLabel()->text().contains(u"already has an API token named"_s));
    QVERIFY(!dialog->secretPanel()->isVisible());
    QVERIFY(dialog->createButton()->isEnabled());
    QCOMPARE(tokensInDatabase(true).size(), before);
    // A name the rule refuses is refused before any call.
    dialog->nameField()->setText(u"has space"_s);
    QTest::mouseClick(dialog->createButton(), Qt::LeftButton);
    QVERIFY(!dialog->statusLabel()->text().isEmpty());
    QVERIFY(!dialog->secretPanel()->isVisible());
    QCOMPARE(tokensInDatabase(true).size(), before);
    dialog->close();
}

void tst_UiTokens::memberBelowAdminCannot_data()
{
    QTest::addColumn<QString>("operatorName");
    QTest::addColumn<QString>("roleWord");
    QTest::newRow("a viewer cannot manage API tokens") << u"victor"_s << u"viewer"_s;
    QTest::newRow("an editor cannot manage API tokens") << u"eddie"_s << u"editor"_s;
}

void tst_UiTokens::memberBelowAdminCannot()
{
    QFETCH(QString, operatorName);
    QFETCH(QString, roleWord);
    const QString needsAdmin = u"Needs the admin role in acme; you are %1."_s.arg(roleWord);
    const QList<vd::ApiToken> before = tokensInDatabase(true);

    MainWindow window(m_fixture.url, operatorName);
    QVERIFY(showAndSettle(window));
    QAction *action = window.storeActions()->apiTokens();
    QVERIFY(!action->isEnabled());
    QCOMPARE(action->toolTip(), needsAdmin);
    action->trigger(); // a disabled action does nothing
    QVERIFY(!window.storeActions()->tokensDialog());

    // The dialog as the window would make it for them: everything disabled, saying why; nothing loaded.
    vd::ui::ServiceRunner runner(m_fixture.url, operatorName);
    {
        TokensDialog dialog(&runner, m_fixture.acme, u"acme"_s, false, needsAdmin);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(!dialog.model()->isLoading());
        QCOMPARE(dialog.model()->rowCount(), 0);
        for (QWidget *w : std::initializer_list<QWidget *>{dialog.createButton(), dialog.revokeButton(),
                                                           dialog.nameField(), dialog.roleBox(), dialog.view()}) {
            QVERIFY2(!w->isEnabled(), qPrintable(w->objectName()));
            QCOMPARE(w->toolTip(), needsAdmin);
        }
        QCOMPARE(dialog.statusLabel()->text(), needsAdmin);
    }

    // Even a dialog that believed they may (a stale role) is refused by the service.
    TokensDialog dialog(&runner, m_fixture.acme, u"acme"_s, true, {});
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTRY_VERIFY(!dialog.model()->isLoading());
    QCOMPARE(dialog.model()->rowCount(), 0);
    QVERIFY2(dialog.statusLabel()->text().contains(u"needs the admin role"_s),
             qPrintable(dialog.statusLabel()->text()));
    QTest::keyClicks(dialog.nameField(), u"sneaky"_s);
    QTest::mouseClick(dialog.createButton(), Qt::LeftButton);
    QTRY_VERIFY(!dialog.isBusy());
    QVERIFY2(dialog.statusLabel()->text().contains(u"needs the admin role"_s),
             qPrintable(dialog.statusLabel()->text()));
    QVERIFY(!dialog.secretPanel()->isVisible());
    QVERIFY(dialog.secretField()->text().isEmpty());

    // Nothing changed in the database.
    const QList<vd::ApiToken> after = tokensInDatabase(true);
    QCOMPARE(after.size(), before.size());
    for (qsizetype i = 0; i < after.size(); ++i) {
        QCOMPARE(after.at(i).id, before.at(i).id);
        QCOMPARE(after.at(i).revokedAt.value_or(-1), before.at(i).revokedAt.value_or(-1));
    }
    runner.waitForIdle();
}

QTEST_MAIN(tst_UiTokens)
#include "tst_ui_tokens.moc"
