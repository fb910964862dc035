#ifndef DOSSIER_CSQLITE3_SHIM_H
#define DOSSIER_CSQLITE3_SHIM_H
#include <sqlite3.h>
#endif
