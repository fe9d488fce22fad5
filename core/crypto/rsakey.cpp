#include "crypto/rsakey.h"
