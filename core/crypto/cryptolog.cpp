#include "crypto/cryptolog.h"
