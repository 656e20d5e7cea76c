# Fails when an include runs upward between VectorDesk's layers (docs/architecture.md), or when a
# file in core/, cli/ or server/ passes 800 lines.
# Run as: cmake -DSOURCE_DIR=<repo> -P cmake/CheckLayers.cmake   (the `layering` test does)
#
# Every folder has a rank; a file may include headers of its own folder and of folders with a
# lower rank only. Folders of equal rank are siblings that never include each other: the local
# engine and the OpenAI backend, the CLI and the window.
set(layers
    "core/logging=0"
    "core/domain=1"
    "core/metrics=1"
    "core/tracing=2"
    "core/storage=2"
    "core/backend=3"
    "core/engine=4"
    "core/openai=4"
    "core/service=5"
    "core/session=6"
    "core/ingestion=7"
    "core/sync=8"
    "cli=9"
    "ui=9"
    "server=9"
    "app=10")

if(NOT SOURCE_DIR)
    message(FATAL_ERROR "CheckLayers: pass -DSOURCE_DIR=<repository root>")
endif()

# The layer of a repository-relative path: the longest folder of `layers` it lies in.
function(layer_of path out_name out_rank)
    set(best_name "")
    set(best_rank "")
    set(best_len 0)
    foreach(entry IN LISTS layers)
        string(REPLACE "=" ";" pair "${entry}")
        list(GET pair 0 name)
        list(GET pair 1 rank)
        string(LENGTH "${name}" len)
        string(FIND "${path}" "${name}/" at)
        if(at EQUAL 0 AND len GREATER best_len)
            set(best_name "${name}")
            set(best_rank "${rank}")
            set(best_len ${len})
        endif()
    endforeach()
    set(${out_name} "${best_name}" PARENT_SCOPE)
    set(${out_rank} "${best_rank}" PARENT_SCOPE)
endfunction()

file(GLOB_RECURSE sources RELATIVE "${SOURCE_DIR}"
    "${SOURCE_DIR}/core/*.h" "${SOURCE_DIR}/core/*.cpp"
    "${SOURCE_DIR}/cli/*.h" "${SOURCE_DIR}/cli/*.cpp"
    "${SOURCE_DIR}/ui/*.h" "${SOURCE_DIR}/ui/*.cpp"
    "${SOURCE_DIR}/server/*.h" "${SOURCE_DIR}/server/*.cpp"
    "${SOURCE_DIR}/app/*.h" "${SOURCE_DIR}/app/*.cpp")

set(violations "")
set(checked 0)
foreach(source IN LISTS sources)
    layer_of("${source}" from_layer from_rank)
    if(from_layer STREQUAL "")
        list(APPEND violations "${source}: not in any layer (add its folder to cmake/CheckLayers.cmake)")
        continue()
    endif()
    file(STRINGS "${SOURCE_DIR}/${source}" lines REGEX "^[ \t]*#[ \t]*include[ \t]+\"")
    foreach(line IN LISTS lines)
        string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]+\"([^\"]+)\".*" "\\1" included "${line}")
        math(EXPR checked "${checked} + 1")
        if(NOT included MATCHES "^(core|cli|ui|server|app)/")
            # Generated files (moc, ui_*.h) and same-folder helpers such as *.inc.
            get_filename_component(dir "${source}" DIRECTORY)
            if(EXISTS "${SOURCE_DIR}/${dir}/${included}" AND NOT included MATCHES "\\.inc$")
                list(APPEND violations "${source}: includes \"${included}\" (name it from the repository root)")
            endif()
            continue()
        endif()
        if(NOT EXISTS "${SOURCE_DIR}/${included}")
            list(APPEND violations "${source}: includes \"${included}\", which does not exist")
            continue()
        endif()
        layer_of("${included}" to_layer to_rank)
        if(to_layer STREQUAL from_layer)
            continue()
        endif()
        if(to_layer STREQUAL "" OR NOT to_rank LESS from_rank)
            list(APPEND violations "${source} (${from_layer}) includes ${included} (${to_layer}): the include runs upward or sideways")
        endif()
    endforeach()
endforeach()

# No file a person cannot read in one sitting: at most 800 lines in core/ and cli/ (generated
# tables such as unicodeclassdata.inc aside).
set(max_lines 800)
foreach(source IN LISTS sources)
    if(NOT source MATCHES "^(core|cli|server)/" OR source MATCHES "\\.inc$")
        continue()
    endif()
    file(READ "${SOURCE_DIR}/${source}" text)
    string(REGEX REPLACE "[^\n]" "" newlines "${text}")
    string(LENGTH "${newlines}" line_count)
    if(line_count GREATER max_lines)
        list(APPEND violations "${source}: ${line_count} lines (at most ${max_lines}: split it by area)")
    endif()
endforeach()

list(LENGTH sources file_count)
if(violations)
    list(LENGTH violations count)
    list(JOIN violations "\n  " text)
    message(FATAL_ERROR "CheckLayers: ${count} problem(s):\n  ${text}")
endif()
message(STATUS "CheckLayers: ${file_count} files, ${checked} includes, none runs upward; no file over ${max_lines} lines")
