#pragma once

#include <QJsonObject>
#include <QString>

#include <utility>
#include <variant>

namespace vd {

// A failure worded for an admin: what failed, why, and what to do about it.
class ServiceError
{
public:
    enum class Kind {
        InvalidInput, // the request itself is wrong; fix it and retry
        NotFound, // no such tenant/store/file visible to the operator
        Conflict, // clashes with the current state (duplicate name, not deleted yet, ...)
        PermissionDenied, // the operator's role does not allow it
        QuotaExceeded, // a plan limit would be exceeded
        Unavailable, // the database or a backend could not be reached or failed
    };

    ServiceError() = default;
    ServiceError(Kind kind, QString message, QJsonObject details = {})
        : m_kind(kind)
        , m_message(std::move(message))
        , m_details(std::move(details))
    { }

    static ServiceError invalid(const QString &message, const QString &field = {});
    static ServiceError notFound(const QString &message);
    static ServiceError conflict(const QString &message);
    static ServiceError denied(const QString &message, const QString &requiredRole);
    static ServiceError quota(const QString &message, const QString &limit, qint64 current, qint64 maximum);
    static ServiceError unavailable(const QString &message);

    Kind kind() const { return m_kind; }
    const QString &message() const { return m_message; }
    const QJsonObject &details() const { return m_details; }

    // Stable machine name for --json output: invalid_input, not_found, ...
    QString code() const;
    static QString kindName(Kind kind);
    QJsonObject toJson() const;

private:
    Kind m_kind = Kind::Unavailable;
    QString m_message;
    QJsonObject m_details;
};

// The outcome of a service call: a value or a ServiceError.
template<typename T> class [[nodiscard]] Result
{
public:
    Result(T value)
        : m_state(std::move(value))
    { }
    Result(ServiceError error)
        : m_state(std::move(error))
    { }

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }
    const T &value() const & { return std::get<T>(m_state); }
    T &value() & { return std::get<T>(m_state); }
    T &&value() && { return std::get<T>(std::move(m_state)); }
    const T *operator->() const { return &std::get<T>(m_state); }
    const T &operator*() const { return std::get<T>(m_state); }
    const ServiceError &error() const { return std::get<ServiceError>(m_state); }

private:
    std::variant<T, ServiceError> m_state;
};

template<> class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(ServiceError error)
        : m_error(std::move(error))
        , m_ok(false)
    { }
    bool ok() const { return m_ok; }
    explicit operator bool() const { return m_ok; }
    const ServiceError &error() const { return m_error; }

private:
    ServiceError m_error;
    bool m_ok = true;
};

} // namespace vd
