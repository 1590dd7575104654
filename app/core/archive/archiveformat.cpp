// SPDX-License-Identifier: GPL-3.0-or-later
#include "archive/archiveformat.h"

namespace capaudit {

std::optional<ArchiveFormat> archiveFormatForPath(const QString& path)
{
    const auto ends = [&path](QLatin1String suffix) { return path.endsWith(suffix, Qt::CaseInsensitive); };
    if (ends(QLatin1String(".tar.gz")) || ends(QLatin1String(".tgz")))
        return ArchiveFormat::TarGzip;
    if (ends(QLatin1String(".tar")))
        return ArchiveFormat::Tar;
    if (ends(QLatin1String(".zip")) || ends(QLatin1String(".capbundle")))
        return ArchiveFormat::Zip;
    return std::nullopt;
}

bool isArchivePath(const QString& path)
{
    return archiveFormatForPath(path).has_value();
}

} // namespace capaudit
