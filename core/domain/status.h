#pragma once

#include <QString>

#include <optional>

// The states of files and stores and the kinds of backend, as enums, with the one spelling each
// has in the database, the JSON output and OpenAI's API ("in_progress", "completed", ...).
namespace vd {

// A file's status, as in OpenAI's vector_store.file object.
enum class FileStatus { InProgress, Completed, Failed, Cancelled };
QString fileStatusName(FileStatus status);
std::optional<FileStatus> fileStatusFromName(const QString &name);

// A store's status, as in OpenAI's vector_store object.
enum class StoreStatus { InProgress, Completed, Expired };
QString storeStatusName(StoreStatus status);
std::optional<StoreStatus> storeStatusFromName(const QString &name);

// Where a store's content lives: the embedded local engine or OpenAI's hosted stores.
enum class BackendKind { Local, OpenAI };
QString backendName(BackendKind kind);
std::optional<BackendKind> backendFromName(const QString &name);

} // namespace vd
