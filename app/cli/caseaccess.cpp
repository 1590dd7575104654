// SPDX-License-Identifier: GPL-3.0-or-later
#include "caseaccess.h"

#include "command.h"

namespace capaudit::cli {

std::unique_ptr<CaseStore> openCase(const QString& path)
{
    Result<std::unique_ptr<CaseStore>> store = CaseStore::open(path);
    if (!store) {
        err() << "capaudit-cli: " << store.error().toString() << Qt::endl;
        return nullptr;
    }
    return std::move(store).value();
}

} // namespace capaudit::cli
