// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/iconprovider.h"

#include <QHash>

static void initCapauditResources()
{
    // Outside any namespace: Q_INIT_RESOURCE declares a global function.
    Q_INIT_RESOURCE(capaudit);
}

namespace capaudit {

void IconProvider::initResources()
{
    static const bool done = [] {
        initCapauditResources();
        return true;
    }();
    Q_UNUSED(done);
}

QIcon IconProvider::icon(const QString& name)
{
    initResources();
    static QHash<QString, QIcon> cache;
    auto it = cache.find(name);
    if (it == cache.end())
        it = cache.insert(name, QIcon(QStringLiteral(":/icons/%1.svg").arg(name)));
    return *it;
}

QIcon IconProvider::verdictIcon(VerdictKind verdict)
{
    switch (verdict) {
    case VerdictKind::Verified:
        return icon(QStringLiteral("check-pass"));
    case VerdictKind::Untrusted:
        return icon(QStringLiteral("check-warn"));
    case VerdictKind::Rejected:
        return icon(QStringLiteral("check-fail"));
    }
    return {};
}

QIcon IconProvider::checkIcon(CheckStatus status)
{
    switch (status) {
    case CheckStatus::Pass:
        return icon(QStringLiteral("check-pass"));
    case CheckStatus::Fail:
        return icon(QStringLiteral("check-fail"));
    case CheckStatus::Skipped:
        return icon(QStringLiteral("check-skip"));
    }
    return {};
}

} // namespace capaudit
