// TEST DOUBLE: a module that is no model plugin (exports no registerModels).
'use strict';

exports.somethingElse = 1;
