#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QTabWidget;
class QTimer;
class QVBoxLayout;

namespace vd::ui {

// An attribute filter in OpenAI's shape, edited as rows or as raw JSON, the two kept in sync.
// Rows live in groups: each group matches all (and) or any (or) of its conditions, and the
// groups combine with and/or. Deeper nesting can be written in the JSON view; the rows then say
// that this filter is edited as JSON only.
class FilterEditor : public QWidget
{
    Q_OBJECT

public:
    explicit FilterEditor(QWidget *parent = nullptr);

    // The filter; nullopt when there is none (no condition with a key). Invalid JSON: nullopt
    // and error says why.
    std::optional<QJsonObject> filter(QString *error = nullptr) const;
    // Shows a filter (empty object: none). Returns false (and shows why) when it does not parse.
    bool setFilter(const QJsonObject &filter);
    bool isValid() const { return m_jsonError.isEmpty(); }

    // Adds a condition to the last group (a new group when there is none).
    void addCondition(const QString &key = {}, const QString &op = QStringLiteral("eq"), const QString &value = {});
    void addGroup();
    void clear();
    void setGroupsOperator(const QString &op); // "and" | "or"
    void setJsonText(const QString &text); // as if typed into the JSON view
    QString jsonText() const;
    int groupCount() const;

    // "eq" + "2024" -> 2024; "in" + "a, b" -> ["a","b"]; quotes keep text: "\"2024\"" -> "2024".
    static QJsonValue parseValue(const QString &op, const QString &text);
    static QString valueText(const QJsonValue &value);

Q_SIGNALS:
    void filterChanged();

private:
    QWidget *newGroup();
    void rowsEdited();
    void jsonEdited();
    QJsonObject rowsToJson() const;
    bool jsonToRows(const QJsonObject &filter);
    void updateJsonOnlyState(bool jsonOnly);

    QComboBox *m_groupsOp = nullptr;
    QTabWidget *m_tabs = nullptr;
    QWidget *m_groupsHost = nullptr;
    QVBoxLayout *m_groupsLayout = nullptr;
    QLabel *m_jsonOnlyNote = nullptr;
    QPlainTextEdit *m_json = nullptr;
    QLabel *m_jsonStatus = nullptr;
    QTimer *m_jsonDelay = nullptr;
    QString m_jsonError;
    bool m_syncing = false;
    bool m_jsonOnly = false;
};

} // namespace vd::ui
