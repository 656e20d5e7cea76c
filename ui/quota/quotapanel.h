#pragma once

#include <QWidget>

class QLabel;

namespace vd::ui {

class QuotaGauge;
class ServiceRunner;

// The current tenant's use of its plan (overrides applied): stores, files in its fullest
// store, bytes; and what its OpenAI stores cost per day (first GiB free, then $0.10/GiB/day).
class QuotaPanel : public QWidget
{
    Q_OBJECT

public:
    explicit QuotaPanel(ServiceRunner *runner, QWidget *parent = nullptr);

    void setTenant(qint64 tenantId, const QString &displayName);
    void reload();

    QuotaGauge *storesGauge() const { return m_stores; }
    QuotaGauge *filesGauge() const { return m_files; }
    QuotaGauge *bytesGauge() const { return m_bytes; }
    QString costText() const;

    // Dollars per day for hosted storage of this many bytes.
    static double openAiCostPerDay(qint64 bytes);

Q_SIGNALS:
    void loaded();

private:
    ServiceRunner *m_runner = nullptr;
    qint64 m_tenantId = 0;
    quint64 m_generation = 0;
    QLabel *m_title = nullptr;
    QuotaGauge *m_stores = nullptr;
    QuotaGauge *m_files = nullptr;
    QuotaGauge *m_bytes = nullptr;
    QLabel *m_cost = nullptr;
};

} // namespace vd::ui
