#pragma once

#include "widgets/tablepanel.h"

class QLineEdit;
class QTimer;

namespace vd::ui {

class FileTableModel;
class ServiceRunner;

// The files of the current store, loaded in batches as the table scrolls, with a name filter.
class FilePanel : public TablePanel
{
    Q_OBJECT

public:
    explicit FilePanel(ServiceRunner *runner, QWidget *parent = nullptr);

    FileTableModel *model() const { return m_model; }

    // Shows the files of a store; storeId 0 shows none.
    void setStore(qint64 tenantId, qint64 storeId, const QString &tenantSlug, const QString &storeName);
    void reload();

private:
    void onLoadFinished();
    void updatePlaceholder();
    void updateSummary();
    void keepSortableIndicator(int column);

    FileTableModel *m_model = nullptr;
    QLineEdit *m_filter = nullptr;
    QTimer *m_filterDelay = nullptr;
    QString m_tenantSlug;
    QString m_storeName;
};

} // namespace vd::ui
