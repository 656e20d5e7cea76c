#pragma once

#include <QJsonObject>
#include <QWidget>

class QLabel;
class QTableWidget;

namespace vd::ui {

// Key/value rows for store metadata (string values) or file attributes (string, number or
// boolean values), with OpenAI's limits checked as you type: at most 16 keys of at most 64
// characters, string values of at most 512. The problem is named under the table; valid()
// stays false until it is fixed.
class KeyValueEditor : public QWidget
{
    Q_OBJECT

public:
    enum class Kind { Metadata, Attributes };

    explicit KeyValueEditor(Kind kind, QWidget *parent = nullptr);

    void setObject(const QJsonObject &object);
    QJsonObject object() const;
    bool isValid() const { return m_problem.isEmpty(); }
    const QString &problem() const { return m_problem; }
    QTableWidget *table() const { return m_table; }
    // Adds an empty row (or one with values) and returns its index.
    int addRow(const QString &key = {}, const QString &type = QStringLiteral("string"), const QString &value = {});

Q_SIGNALS:
    void validityChanged(bool valid);

private:
    void revalidate();

    Kind m_kind;
    QTableWidget *m_table = nullptr;
    QLabel *m_problemLabel = nullptr;
    QLabel *m_countLabel = nullptr;
    QString m_problem;
};

} // namespace vd::ui
