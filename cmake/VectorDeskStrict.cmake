# One INTERFACE target carries the project's compile settings; every target links it.
add_library(vectordesk_strict INTERFACE)
add_library(VectorDesk::Strict ALIAS vectordesk_strict)

target_compile_features(vectordesk_strict INTERFACE cxx_std_20)
target_compile_options(vectordesk_strict INTERFACE
    -Wall -Wextra -pedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
    -Woverloaded-virtual -Wimplicit-fallthrough)
# GCC 12 reports false positives for std::optional members (GCC bug 105562).
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(vectordesk_strict INTERFACE -Wno-maybe-uninitialized)
endif()
if(VECTORDESK_WERROR)
    target_compile_options(vectordesk_strict INTERFACE -Werror)
endif()
target_compile_definitions(vectordesk_strict INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_CONTEXTLESS_CONNECT
    QT_NO_URL_CAST_FROM_STRING
    QT_USE_QSTRINGBUILDER
    QT_NO_FOREACH
    QT_DISABLE_DEPRECATED_UP_TO=0x060400
    VECTORDESK_VERSION="${PROJECT_VERSION}")
