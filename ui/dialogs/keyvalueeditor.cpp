#include "ui/dialogs/keyvalueeditor.h"

#include "core/domain/validation.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSet>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vd::ui {

namespace {
enum Col { KeyCol, TypeCol, ValueCol };
}

KeyValueEditor::KeyValueEditor(Kind kind, QWidget *parent)
    : QWidget(parent)
    , m_kind(kind)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_table = new QTableWidget(0, 3, this);
    m_table->setObjectName(kind == Kind::Metadata ? u"metadataTable"_s : u"attributesTable"_s);
    m_table->setAccessibleName(kind == Kind::Metadata ? tr("Store metadata") : tr("File attributes"));
    m_table->setHorizontalHeaderLabels({tr("Key"), tr("Type"), tr("Value")});
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(KeyCol, 170);
    m_table->setColumnWidth(TypeCol, 90);
    if (kind == Kind::Metadata)
        m_table->hideColumn(TypeCol);
    layout->addWidget(m_table, 1);
    auto *row = new QHBoxLayout;
    auto *add = new QPushButton(tr("Add"), this);
    add->setObjectName(u"addKeyButton"_s);
    add->setAccessibleName(kind == Kind::Metadata ? tr("Add a metadata key") : tr("Add an attribute"));
    auto *remove = new QPushButton(tr("Remove"), this);
    remove->setObjectName(u"removeKeyButton"_s);
    remove->setAccessibleName(tr("Remove the selected key"));
    row->addWidget(add);
    row->addWidget(remove);
    m_countLabel = new QLabel(this);
    row->addWidget(m_countLabel, 1, Qt::AlignRight);
    layout->addLayout(row);
    m_problemLabel = new QLabel(this);
    m_problemLabel->setObjectName(u"keyValueProblem"_s);
    m_problemLabel->setWordWrap(true);
    m_problemLabel->setStyleSheet(u"color: #b02a37;"_s);
    layout->addWidget(m_problemLabel);
    connect(add, &QPushButton::clicked, this, [this] {
        const int r = addRow();
        m_table->setCurrentCell(r, KeyCol);
        m_table->editItem(m_table->item(r, KeyCol));
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        const int r = m_table->currentRow();
        if (r >= 0)
            m_table->removeRow(r);
        revalidate();
    });
    connect(m_table, &QTableWidget::itemChanged, this, [this] { revalidate(); });
    revalidate();
}

int KeyValueEditor::addRow(const QString &key, const QString &type, const QString &value)
{
    const QSignalBlocker blocker(m_table);
    const int r = m_table->rowCount();
    m_table->insertRow(r);
    m_table->setItem(r, KeyCol, new QTableWidgetItem(key));
    auto *typeBox = new QComboBox(m_table);
    typeBox->setAccessibleName(tr("Value type"));
    typeBox->addItem(tr("Text"), u"string"_s);
    typeBox->addItem(tr("Number"), u"number"_s);
    typeBox->addItem(tr("Boolean"), u"boolean"_s);
    typeBox->setCurrentIndex(qMax(0, typeBox->findData(type)));
    connect(typeBox, &QComboBox::currentIndexChanged, this, [this] { revalidate(); });
    m_table->setCellWidget(r, TypeCol, typeBox);
    m_table->setItem(r, ValueCol, new QTableWidgetItem(value));
    revalidate();
    return r;
}

void KeyValueEditor::setObject(const QJsonObject &object)
{
    m_table->setRowCount(0);
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QJsonValue v = it.value();
        if (v.isBool())
            addRow(it.key(), u"boolean"_s, v.toBool() ? u"true"_s : u"false"_s);
        else if (v.isDouble())
            addRow(it.key(), u"number"_s, QString::number(v.toDouble(), 'g', 15));
        else
            addRow(it.key(), u"string"_s, v.toString());
    }
    revalidate();
}

QJsonObject KeyValueEditor::object() const
{
    QJsonObject object;
    for (int r = 0; r < m_table->rowCount(); ++r) {
        const QString key = m_table->item(r, KeyCol) ? m_table->item(r, KeyCol)->text().trimmed() : QString();
        if (key.isEmpty())
            continue;
        const QString value = m_table->item(r, ValueCol) ? m_table->item(r, ValueCol)->text() : QString();
        const auto *typeBox = qobject_cast<QComboBox *>(m_table->cellWidget(r, TypeCol));
        const QString type = m_kind == Kind::Metadata || !typeBox ? u"string"_s : typeBox->currentData().toString();
        if (type == u"number"_s)
            object.insert(key, value.trimmed().toDouble());
        else if (type == u"boolean"_s)
            object.insert(key, value.trimmed().compare(u"true"_s, Qt::CaseInsensitive) == 0);
        else
            object.insert(key, value);
    }
    return object;
}

void KeyValueEditor::revalidate()
{
    QString problem;
    QSet<QString> keys;
    int count = 0;
    for (int r = 0; r < m_table->rowCount() && problem.isEmpty(); ++r) {
        const QString key = m_table->item(r, KeyCol) ? m_table->item(r, KeyCol)->text().trimmed() : QString();
        const QString value = m_table->item(r, ValueCol) ? m_table->item(r, ValueCol)->text() : QString();
        const auto *typeBox = qobject_cast<QComboBox *>(m_table->cellWidget(r, TypeCol));
        const QString type = m_kind == Kind::Metadata || !typeBox ? u"string"_s : typeBox->currentData().toString();
        if (key.isEmpty()) {
            if (!value.isEmpty())
                problem = tr("Row %1 has a value but no key.").arg(r + 1);
            continue;
        }
        ++count;
        if (key.size() > limits::kMaxKeyLength)
            problem = tr("Key “%1…” is %2 characters long; keys may have at most %3.")
                          .arg(key.left(20))
                          .arg(key.size())
                          .arg(limits::kMaxKeyLength);
        else if (keys.contains(key))
            problem = tr("Key “%1” appears twice.").arg(key);
        else if (type == u"string"_s && value.size() > limits::kMaxStringValueLength)
            problem = tr("The value of “%1” is %2 characters long; text values may have at most %3.")
                          .arg(key)
                          .arg(value.size())
                          .arg(limits::kMaxStringValueLength);
        else if (type == u"number"_s) {
            bool ok = false;
            value.trimmed().toDouble(&ok);
            if (!ok)
                problem = tr("The value of “%1” is not a number.").arg(key);
        } else if (type == u"boolean"_s && value.trimmed().compare(u"true"_s, Qt::CaseInsensitive) != 0
                   && value.trimmed().compare(u"false"_s, Qt::CaseInsensitive) != 0)
            problem = tr("The value of “%1” must be true or false.").arg(key);
        keys.insert(key);
    }
    if (problem.isEmpty() && count > limits::kMaxKeys)
        problem = tr("%1 keys; at most %2 are allowed.").arg(count).arg(limits::kMaxKeys);
    m_countLabel->setText(tr("%1 of %2 keys").arg(count).arg(limits::kMaxKeys));
    m_problemLabel->setText(problem);
    m_problemLabel->setVisible(!problem.isEmpty());
    const bool changed = problem.isEmpty() != m_problem.isEmpty();
    m_problem = problem;
    if (changed)
        Q_EMIT validityChanged(problem.isEmpty());
}

} // namespace vd::ui
