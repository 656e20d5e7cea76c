# The Debian package (docs/packaging.md): `cpack` in the build tree makes
# vectordesk_<version>-<release>_<arch>.deb from the install rules (app/, packaging/).
# The generator list is one cache variable: -DVECTORDESK_CPACK_GENERATORS="DEB;TGZ" or `cpack -G TGZ`.

set(VECTORDESK_CPACK_GENERATORS "DEB" CACHE STRING "Generators `cpack` runs in the build tree (a ;-list)")
set(CPACK_GENERATOR "${VECTORDESK_CPACK_GENERATORS}")

set(CPACK_PACKAGE_NAME vectordesk)
set(CPACK_PACKAGE_VENDOR "VectorDesk team")
set(CPACK_PACKAGE_CONTACT "VectorDesk team <dev@vectordesk.invalid>")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
# The control file's long description (CPack puts the summary above it): lines of at most 79
# characters (lintian), an empty line between paragraphs.
string(JOIN "\n" CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "VectorDesk is a desktop console and a command-line tool for the people who"
    "run vector stores. It shows every tenant, the vector stores each tenant owns"
    "and the files indexed in them; it attaches documents, searches them, keeps"
    "quotas and expiry, and runs a scheduled sync pass. Stores live in an embedded"
    "local engine (the default, fully offline) or in OpenAI's hosted vector"
    "stores; metadata lives in SQLite or in a shared PostgreSQL database."
    ""
    "The same binary serves an OpenAI-compatible HTTP API (vectordesk serve)."
    "Systemd units for the sync pass (a user timer) and for the API server (a"
    "system service) are included.")
set(CPACK_PACKAGE_INSTALL_DIRECTORY vectordesk)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
# Debian ships no debugging symbols in the main package (lintian: unstripped-binary-or-object).
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_PACKAGE_NAME vectordesk)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${PROJECT_HOMEPAGE_URL}")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Plugins Qt loads at run time, which dpkg-shlibdeps cannot see: the SQLite driver is the default
# database, the SVG plugins draw the icons (the linker drops libQt6Svg, which nothing calls
# directly); the PostgreSQL driver is needed only for a postgresql:// location, and Qt's own
# catalogs only for Qt's few words (Cancel, Open) in a German or French window.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite, libqt6svg6")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libqt6sql6-psql, qt6-translations-l10n")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

set(CPACK_SOURCE_GENERATOR TGZ)
set(CPACK_SOURCE_IGNORE_FILES "/\\\\.git/" "/build[^/]*/" "/tools/[^/]+/node_modules/")

include(CPack)
