// Debian and Ubuntu install libpq-fe.h under postgresql/. No pkg-config here on purpose: its -lpq would
// link libpq into every glance-manage run; PostgresDriver loads it with dlopen when it is needed.
#include <postgresql/libpq-fe.h>
