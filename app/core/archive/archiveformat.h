// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>

namespace capaudit {

enum class ArchiveFormat { Tar, TarGzip, Zip };

// By file name only (case-insensitive): .tar, .tar.gz, .tgz, .zip, .capbundle (a zip).
std::optional<ArchiveFormat> archiveFormatForPath(const QString& path);
bool isArchivePath(const QString& path);

} // namespace capaudit
