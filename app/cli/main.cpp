// SPDX-License-Identifier: GPL-3.0-or-later
#include "capaudit/version.h"

#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QTextStream(stdout) << "capaudit-cli " << capaudit::kVersion << Qt::endl;
    return 0;
}
