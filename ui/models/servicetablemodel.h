#pragma once

#include "core/domain/serviceerror.h"

#include <QAbstractTableModel>
#include <QString>

namespace vd::ui {

class ServiceRunner;

// Base of the table models fed by a ServiceRunner: a loading flag, the last error and a
// generation counter that drops results of requests that were overtaken by newer ones (the
// selection changed, or the user refreshed) before they arrived.
class ServiceTableModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_PROPERTY(bool loading READ isLoading NOTIFY loadingChanged)

public:
    explicit ServiceTableModel(ServiceRunner *runner, QObject *parent = nullptr);

    bool isLoading() const { return m_loading; }
    // Why the last load failed, worded for an admin; empty when it succeeded.
    const QString &errorMessage() const { return m_errorMessage; }

    // Loads the rows again from the database, keeping the current rows until the new ones arrive.
    virtual void reload() = 0;

Q_SIGNALS:
    void loadingChanged(bool loading);
    // A load finished: the rows are current, or errorMessage() says why they are not.
    void loadFinished();
    void loadFailed(const QString &message);

protected:
    ServiceRunner *runner() const { return m_runner; }

    // Starts a request and returns its generation; every older request becomes stale.
    quint64 startRequest();
    // Makes every request in flight stale without starting a new one (the model was cleared).
    void abandonRequests();
    bool isCurrent(quint64 generation) const { return generation == m_generation; }
    quint64 currentGeneration() const { return m_generation; }
    // Ends the current request. Models apply their rows before calling finishSuccess().
    void finishSuccess();
    void finishFailure(const ServiceError &error);

private:
    void setLoading(bool loading);

    ServiceRunner *m_runner = nullptr;
    quint64 m_generation = 0;
    bool m_loading = false;
    QString m_errorMessage;
};

} // namespace vd::ui
