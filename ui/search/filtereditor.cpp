#include "ui/search/filtereditor.h"

#include "core/domain/filter.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QTabWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vd::ui {

namespace {

const QStringList kOperators = {u"eq"_s, u"ne"_s, u"gt"_s, u"gte"_s, u"lt"_s, u"lte"_s, u"in"_s, u"nin"_s};

QString operatorLabel(const QString &op)
{
    static const QHash<QString, QString> labels = {{u"eq"_s, u"="_s},  {u"ne"_s, u"≠"_s},      {u"gt"_s, u">"_s},
                                                   {u"gte"_s, u"≥"_s}, {u"lt"_s, u"<"_s},      {u"lte"_s, u"≤"_s},
                                                   {u"in"_s, u"in"_s}, {u"nin"_s, u"not in"_s}};
    return labels.value(op, op);
}

QJsonValue scalar(const QString &raw)
{
    const QString text = raw.trimmed();
    if (text.size() >= 2 && text.startsWith(u'"') && text.endsWith(u'"'))
        return text.mid(1, text.size() - 2);
    if (text == u"true"_s)
        return true;
    if (text == u"false"_s)
        return false;
    bool ok = false;
    const double number = text.toDouble(&ok);
    if (ok)
        return number;
    return text;
}

} // namespace

FilterEditor::FilterEditor(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"filterEditor"_s);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(u"filterTabs"_s);
    m_tabs->setDocumentMode(true);
    layout->addWidget(m_tabs);

    auto *rowsPage = new QWidget(this);
    auto *rowsLayout = new QVBoxLayout(rowsPage);
    rowsLayout->setContentsMargins(0, 6, 0, 0);
    auto *top = new QHBoxLayout;
    auto *combineLabel = new QLabel(tr("Groups combine with"), rowsPage);
    top->addWidget(combineLabel);
    m_groupsOp = new QComboBox(rowsPage);
    m_groupsOp->setObjectName(u"groupsOperator"_s);
    m_groupsOp->setAccessibleName(tr("How filter groups combine"));
    m_groupsOp->addItem(tr("AND (all groups)"), u"and"_s);
    m_groupsOp->addItem(tr("OR (any group)"), u"or"_s);
    combineLabel->setBuddy(m_groupsOp);
    top->addWidget(m_groupsOp);
    top->addStretch(1);
    auto *addConditionButton = new QPushButton(tr("Add condition"), rowsPage);
    addConditionButton->setObjectName(u"addConditionButton"_s);
    addConditionButton->setAccessibleName(tr("Add a filter condition"));
    top->addWidget(addConditionButton);
    auto *addGroupButton = new QPushButton(tr("Add group"), rowsPage);
    addGroupButton->setObjectName(u"addGroupButton"_s);
    addGroupButton->setAccessibleName(tr("Add a filter group"));
    top->addWidget(addGroupButton);
    rowsLayout->addLayout(top);
    m_jsonOnlyNote =
        new QLabel(tr("This filter nests groups more deeply than rows can show; edit it in the JSON view."), rowsPage);
    m_jsonOnlyNote->setWordWrap(true);
    m_jsonOnlyNote->hide();
    rowsLayout->addWidget(m_jsonOnlyNote);
    m_groupsHost = new QWidget(rowsPage);
    m_groupsLayout = new QVBoxLayout(m_groupsHost);
    m_groupsLayout->setContentsMargins(0, 0, 0, 0);
    m_groupsLayout->setSpacing(6);
    m_groupsLayout->addStretch(1);
    auto *scroll = new QScrollArea(rowsPage);
    scroll->setWidget(m_groupsHost);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    rowsLayout->addWidget(scroll, 1);
    m_tabs->addTab(rowsPage, tr("Conditions"));

    auto *jsonPage = new QWidget(this);
    auto *jsonLayout = new QVBoxLayout(jsonPage);
    jsonLayout->setContentsMargins(0, 6, 0, 0);
    m_json = new QPlainTextEdit(jsonPage);
    m_json->setObjectName(u"filterJson"_s);
    m_json->setAccessibleName(tr("Filter as JSON"));
    m_json->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_json->setPlaceholderText(u"{\"type\": \"eq\", \"key\": \"customer\", \"value\": \"acme\"}"_s);
    jsonLayout->addWidget(m_json, 1);
    m_jsonStatus = new QLabel(jsonPage);
    m_jsonStatus->setObjectName(u"filterJsonStatus"_s);
    m_jsonStatus->setWordWrap(true);
    jsonLayout->addWidget(m_jsonStatus);
    m_tabs->addTab(jsonPage, tr("JSON"));

    m_jsonDelay = new QTimer(this);
    m_jsonDelay->setSingleShot(true);
    m_jsonDelay->setInterval(300);
    connect(m_json, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_syncing)
            m_jsonDelay->start();
    });
    connect(m_jsonDelay, &QTimer::timeout, this, [this] { jsonEdited(); });
    connect(m_groupsOp, &QComboBox::currentIndexChanged, this, [this] { rowsEdited(); });
    connect(addConditionButton, &QPushButton::clicked, this, [this] { addCondition(); });
    connect(addGroupButton, &QPushButton::clicked, this, [this] { addGroup(); });
}

QWidget *FilterEditor::newGroup()
{
    auto *group = new QFrame(m_groupsHost);
    group->setObjectName(u"filterGroup"_s);
    group->setFrameShape(QFrame::StyledPanel);
    auto *layout = new QVBoxLayout(group);
    layout->setContentsMargins(6, 4, 6, 6);
    layout->setSpacing(4);
    auto *header = new QHBoxLayout;
    auto *match = new QComboBox(group);
    match->setObjectName(u"groupMatch"_s);
    match->setAccessibleName(tr("How the conditions of this group combine"));
    match->addItem(tr("Match all of (AND)"), u"and"_s);
    match->addItem(tr("Match any of (OR)"), u"or"_s);
    header->addWidget(match);
    header->addStretch(1);
    auto *remove = new QToolButton(group);
    remove->setText(tr("Remove group"));
    remove->setAutoRaise(true);
    remove->setAccessibleName(tr("Remove this filter group"));
    header->addWidget(remove);
    layout->addLayout(header);
    m_groupsLayout->insertWidget(m_groupsLayout->count() - 1, group);
    connect(match, &QComboBox::currentIndexChanged, this, [this] { rowsEdited(); });
    connect(remove, &QToolButton::clicked, this, [this, group] {
        group->deleteLater();
        group->setParent(nullptr);
        rowsEdited();
    });
    return group;
}

void FilterEditor::addGroup()
{
    QWidget *group = newGroup();
    Q_UNUSED(group);
    addCondition();
}

int FilterEditor::groupCount() const
{
    return int(m_groupsHost->findChildren<QFrame *>(u"filterGroup"_s, Qt::FindDirectChildrenOnly).size());
}

void FilterEditor::addCondition(const QString &key, const QString &op, const QString &value)
{
    const QList<QFrame *> groups = m_groupsHost->findChildren<QFrame *>(u"filterGroup"_s, Qt::FindDirectChildrenOnly);
    QWidget *group = groups.isEmpty() ? newGroup() : groups.last();
    auto *row = new QWidget(group);
    row->setObjectName(u"filterCondition"_s);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *keyEdit = new QLineEdit(key, row);
    keyEdit->setObjectName(u"conditionKey"_s);
    keyEdit->setPlaceholderText(tr("attribute"));
    keyEdit->setAccessibleName(tr("Attribute key"));
    keyEdit->setMaxLength(64);
    auto *opBox = new QComboBox(row);
    opBox->setObjectName(u"conditionOperator"_s);
    opBox->setAccessibleName(tr("Comparison"));
    for (const QString &o : kOperators)
        opBox->addItem(operatorLabel(o), o);
    opBox->setCurrentIndex(qMax(0, int(kOperators.indexOf(op))));
    auto *valueEdit = new QLineEdit(value, row);
    valueEdit->setObjectName(u"conditionValue"_s);
    valueEdit->setPlaceholderText(tr("value (in: a, b, c)"));
    valueEdit->setAccessibleName(tr("Value to compare with"));
    auto *remove = new QToolButton(row);
    remove->setText(u"✕"_s);
    remove->setAutoRaise(true);
    remove->setAccessibleName(tr("Remove this condition"));
    remove->setToolTip(tr("Remove this condition"));
    layout->addWidget(keyEdit, 2);
    layout->addWidget(opBox);
    layout->addWidget(valueEdit, 3);
    layout->addWidget(remove);
    static_cast<QVBoxLayout *>(group->layout())->addWidget(row);
    connect(keyEdit, &QLineEdit::textChanged, this, [this] { rowsEdited(); });
    connect(valueEdit, &QLineEdit::textChanged, this, [this] { rowsEdited(); });
    connect(opBox, &QComboBox::currentIndexChanged, this, [this] { rowsEdited(); });
    connect(remove, &QToolButton::clicked, this, [this, row] {
        row->deleteLater();
        row->setParent(nullptr);
        rowsEdited();
    });
    rowsEdited();
}

void FilterEditor::clear()
{
    const QList<QFrame *> groups = m_groupsHost->findChildren<QFrame *>(u"filterGroup"_s, Qt::FindDirectChildrenOnly);
    for (QFrame *group : groups) {
        group->setParent(nullptr);
        group->deleteLater();
    }
    rowsEdited();
}

void FilterEditor::setGroupsOperator(const QString &op)
{
    m_groupsOp->setCurrentIndex(op == u"or"_s ? 1 : 0);
}

QJsonValue FilterEditor::parseValue(const QString &op, const QString &text)
{
    if (op == u"in"_s || op == u"nin"_s) {
        QJsonArray list;
        const QStringList parts = text.split(u',', Qt::SkipEmptyParts);
        for (const QString &part : parts)
            list.append(scalar(part));
        return list;
    }
    return scalar(text);
}

QString FilterEditor::valueText(const QJsonValue &value)
{
    if (value.isArray()) {
        QStringList parts;
        const QJsonArray list = value.toArray();
        for (const QJsonValue &v : list)
            parts << valueText(v);
        return parts.join(u", "_s);
    }
    if (value.isBool())
        return value.toBool() ? u"true"_s : u"false"_s;
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', 15);
    const QString text = value.toString();
    bool numeric = false;
    text.toDouble(&numeric);
    if (numeric || text == u"true"_s || text == u"false"_s || text.contains(u','))
        return u'"' + text + u'"';
    return text;
}

QJsonObject FilterEditor::rowsToJson() const
{
    QJsonArray groups;
    const QList<QFrame *> frames = m_groupsHost->findChildren<QFrame *>(u"filterGroup"_s, Qt::FindDirectChildrenOnly);
    for (QFrame *frame : frames) {
        QJsonArray conditions;
        const QList<QWidget *> rows = frame->findChildren<QWidget *>(u"filterCondition"_s, Qt::FindDirectChildrenOnly);
        for (QWidget *row : rows) {
            const QString key = row->findChild<QLineEdit *>(u"conditionKey"_s)->text().trimmed();
            if (key.isEmpty())
                continue;
            const QString op = row->findChild<QComboBox *>(u"conditionOperator"_s)->currentData().toString();
            const QString value = row->findChild<QLineEdit *>(u"conditionValue"_s)->text();
            conditions.append(QJsonObject{{u"type"_s, op}, {u"key"_s, key}, {u"value"_s, parseValue(op, value)}});
        }
        if (conditions.isEmpty())
            continue;
        if (conditions.size() == 1) {
            groups.append(conditions.first());
        } else {
            const QString match = frame->findChild<QComboBox *>(u"groupMatch"_s)->currentData().toString();
            groups.append(QJsonObject{{u"type"_s, match}, {u"filters"_s, conditions}});
        }
    }
    if (groups.isEmpty())
        return {};
    if (groups.size() == 1)
        return groups.first().toObject();
    return QJsonObject{{u"type"_s, m_groupsOp->currentData().toString()}, {u"filters"_s, groups}};
}

void FilterEditor::rowsEdited()
{
    if (m_syncing || m_jsonOnly)
        return;
    m_syncing = true;
    const QJsonObject json = rowsToJson();
    m_json->setPlainText(json.isEmpty() ? QString()
                                        : QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Indented)));
    m_jsonError.clear();
    m_jsonStatus->clear();
    m_syncing = false;
    Q_EMIT filterChanged();
}

bool FilterEditor::jsonToRows(const QJsonObject &filter)
{
    // Representable as rows: a comparison; a compound of comparisons; a compound of those.
    auto isComparison = [](const QJsonObject &o) {
        return !o.contains(u"filters"_s);
    };
    auto isFlat = [&](const QJsonObject &o) {
        if (isComparison(o))
            return true;
        const QJsonArray children = o.value(u"filters"_s).toArray();
        return std::all_of(children.begin(), children.end(),
                           [&](const QJsonValue &c) { return isComparison(c.toObject()); });
    };
    QList<QJsonObject> groups;
    QString groupsOp = u"and"_s;
    if (filter.isEmpty()) {
    } else if (isFlat(filter)) {
        groups << filter;
    } else {
        groupsOp = filter.value(u"type"_s).toString();
        const QJsonArray children = filter.value(u"filters"_s).toArray();
        for (const QJsonValue &c : children) {
            if (!isFlat(c.toObject()))
                return false;
            groups << c.toObject();
        }
    }
    const QList<QFrame *> old = m_groupsHost->findChildren<QFrame *>(u"filterGroup"_s, Qt::FindDirectChildrenOnly);
    for (QFrame *group : old) {
        group->setParent(nullptr);
        group->deleteLater();
    }
    setGroupsOperator(groupsOp);
    for (const QJsonObject &g : std::as_const(groups)) {
        QWidget *frame = newGroup();
        QList<QJsonObject> conditions;
        if (isComparison(g)) {
            conditions << g;
        } else {
            frame->findChild<QComboBox *>(u"groupMatch"_s)->setCurrentIndex(g.value(u"type"_s).toString() == u"or"_s);
            const QJsonArray children = g.value(u"filters"_s).toArray();
            for (const QJsonValue &c : children)
                conditions << c.toObject();
        }
        for (const QJsonObject &c : std::as_const(conditions))
            addCondition(c.value(u"key"_s).toString(), c.value(u"type"_s).toString(), valueText(c.value(u"value"_s)));
    }
    return true;
}

void FilterEditor::updateJsonOnlyState(bool jsonOnly)
{
    m_jsonOnly = jsonOnly;
    m_jsonOnlyNote->setVisible(jsonOnly);
    m_groupsHost->setEnabled(!jsonOnly);
}

void FilterEditor::jsonEdited()
{
    const QString text = m_json->toPlainText().trimmed();
    QJsonObject object;
    if (!text.isEmpty()) {
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &parseError);
        if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
            m_jsonError = parseError.error != QJsonParseError::NoError
                ? tr("Not valid JSON at character %1: %2").arg(parseError.offset).arg(parseError.errorString())
                : tr("A filter is a JSON object, e.g. {\"type\": \"eq\", \"key\": \"year\", \"value\": 2024}.");
            m_jsonStatus->setText(m_jsonError);
            Q_EMIT filterChanged();
            return;
        }
        auto parsed = Filter::fromJson(doc.object());
        if (!parsed) {
            m_jsonError = parsed.error().message();
            m_jsonStatus->setText(m_jsonError);
            Q_EMIT filterChanged();
            return;
        }
        object = doc.object();
    }
    m_jsonError.clear();
    m_jsonStatus->setText(text.isEmpty() ? QString() : tr("Valid filter"));
    m_syncing = true;
    const bool rows = jsonToRows(object);
    m_syncing = false;
    updateJsonOnlyState(!rows);
    Q_EMIT filterChanged();
}

void FilterEditor::setJsonText(const QString &text)
{
    m_json->setPlainText(text);
    m_jsonDelay->stop();
    jsonEdited();
}

QString FilterEditor::jsonText() const
{
    return m_json->toPlainText();
}

bool FilterEditor::setFilter(const QJsonObject &filter)
{
    setJsonText(filter.isEmpty() ? QString()
                                 : QString::fromUtf8(QJsonDocument(filter).toJson(QJsonDocument::Indented)));
    return isValid();
}

std::optional<QJsonObject> FilterEditor::filter(QString *error) const
{
    if (!m_jsonError.isEmpty()) {
        if (error)
            *error = m_jsonError;
        return std::nullopt;
    }
    const QString text = m_json->toPlainText().trimmed();
    if (text.isEmpty())
        return std::nullopt;
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

} // namespace vd::ui
