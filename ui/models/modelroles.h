#pragma once

#include <Qt>

namespace vd::ui {

// Roles every VectorDesk table model answers besides the Qt ones.
enum ModelRole : int {
    IdRole = Qt::UserRole + 1, // qint64 database id of the row's tenant, store or file
    SortRole, // the column's value in its natural order (bytes, unix ms, percent, lower-case text)
    RefRole, // the reference the service takes for the row (the id as text)
    StatusRole, // the raw status string (in_progress, completed, failed, cancelled, expired)
};

} // namespace vd::ui
