#include "ui/quota/quotapanel.h"

#include "ui/data/servicerunner.h"
#include "ui/models/displayformat.h"
#include "ui/quota/quotagauge.h"

#include <QLabel>
#include <QLocale>
#include <QStyle>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vd::ui {

namespace {

constexpr qint64 kGiB = qint64(1) << 30;

struct Quota
{
    QuotaUsage usage;
    qint64 openAiBytes = 0;
    int openAiStores = 0;
};

} // namespace

double QuotaPanel::openAiCostPerDay(qint64 bytes)
{
    return bytes <= kGiB ? 0.0 : double(bytes - kGiB) / double(kGiB) * 0.10;
}

QuotaPanel::QuotaPanel(ServiceRunner *runner, QWidget *parent)
    : QWidget(parent)
    , m_runner(runner)
{
    setObjectName(u"quotaPanel"_s);
    setAccessibleName(tr("Quota of the selected tenant"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 8, 10, 10);
    layout->setSpacing(8);
    m_title = new QLabel(tr("Quota"), this);
    m_title->setObjectName(u"quotaTitle"_s);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    layout->addWidget(m_title);
    m_stores = new QuotaGauge(tr("Stores"), this);
    m_stores->setObjectName(u"storesGauge"_s);
    m_files = new QuotaGauge(tr("Files in the fullest store"), this);
    m_files->setObjectName(u"filesGauge"_s);
    m_bytes = new QuotaGauge(tr("Storage"), this);
    m_bytes->setObjectName(u"bytesGauge"_s);
    layout->addWidget(m_stores);
    layout->addWidget(m_files);
    layout->addWidget(m_bytes);
    m_cost = new QLabel(this);
    m_cost->setObjectName(u"openAiCost"_s);
    m_cost->setWordWrap(true);
    m_cost->setAccessibleName(tr("Estimated OpenAI storage cost"));
    QPalette muted = palette();
    muted.setColor(QPalette::WindowText, palette().color(QPalette::PlaceholderText));
    m_cost->setPalette(muted);
    layout->addWidget(m_cost);
    layout->addStretch(1);
}

QString QuotaPanel::costText() const
{
    return m_cost->text();
}

void QuotaPanel::setTenant(qint64 tenantId, const QString &displayName)
{
    m_tenantId = tenantId;
    m_title->setText(tenantId ? tr("Quota · %1").arg(displayName) : tr("Quota"));
    reload();
}

void QuotaPanel::reload()
{
    const quint64 generation = ++m_generation;
    if (m_tenantId == 0) {
        m_stores->clear();
        m_files->clear();
        m_bytes->clear();
        m_cost->setText(tr("Select a tenant to see its quota."));
        return;
    }
    const QString tenantRef = QString::number(m_tenantId);
    m_runner->run(
        this,
        [tenantRef](VectorStoreService &service) -> Result<Quota> {
            auto usage = service.quotaUsage(tenantRef);
            if (!usage)
                return usage.error();
            auto stores = service.listStores(tenantRef);
            if (!stores)
                return stores.error();
            Quota q{usage.value(), 0, 0};
            for (const VectorStore &s : stores.value())
                if (s.backend == BackendKind::OpenAI) {
                    q.openAiBytes += s.usageBytes;
                    ++q.openAiStores;
                }
            return q;
        },
        [this, generation](Result<Quota> q) {
            if (generation != m_generation)
                return;
            if (!q) {
                m_stores->clear();
                m_files->clear();
                m_bytes->clear();
                m_cost->setText(q.error().message());
                Q_EMIT loaded();
                return;
            }
            const QuotaUsage &u = q->usage;
            const QLocale locale;
            const QString plan = tr("plan %1").arg(u.plan);
            m_stores->setValue(u.stores, u.limits.maxStores, locale.toString(u.stores),
                               locale.toString(u.limits.maxStores),
                               tr("%Ln live store(s); %1 allows %2.", nullptr, int(u.stores))
                                   .arg(plan, locale.toString(u.limits.maxStores)));
            m_files->setValue(
                u.largestStoreFiles, u.limits.maxFilesPerStore, locale.toString(u.largestStoreFiles),
                locale.toString(u.limits.maxFilesPerStore),
                tr("The fullest store holds %Ln file(s); %1 allows %2 per store.", nullptr, int(u.largestStoreFiles))
                        .arg(plan, locale.toString(u.limits.maxFilesPerStore))
                    + u'\n' + tr("%Ln file(s) in all stores.", nullptr, int(u.files)));
            m_bytes->setValue(u.totalBytes, u.limits.maxTotalBytes, format::bytes(u.totalBytes),
                              format::bytes(u.limits.maxTotalBytes),
                              tr("%1 bytes of files; %2 allows %3 bytes.")
                                  .arg(locale.toString(u.totalBytes), plan, locale.toString(u.limits.maxTotalBytes)));
            if (q->openAiStores == 0) {
                m_cost->setText(tr("No OpenAI stores: local stores cost nothing to keep."));
            } else {
                const double cost = openAiCostPerDay(q->openAiBytes);
                m_cost->setText(tr("OpenAI storage: %1 in %2 · about $%3/day (first GiB free, then $0.10 per GiB "
                                   "per day)")
                                    .arg(format::bytes(q->openAiBytes))
                                    .arg(tr("%Ln store(s)", nullptr, int(q->openAiStores)))
                                    .arg(locale.toString(cost, 'f', 2)));
            }
            Q_EMIT loaded();
        });
}

} // namespace vd::ui
