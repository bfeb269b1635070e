/*
 * The hvspec language: the Hyperstrand hypercall API, written once.
 *
 * A spec is a set of files; each file holds API groups and architecture bindings.
 * Keywords are not reserved: every keyword may also be used as a name (rule `name`).
 * The grammar only fixes the shape; numbers, references, versions and docs are
 * checked by the validator over the model, never here.
 */
grammar HvSpec;

specFile
    : declaration* EOF
    ;

declaration
    : groupDecl
    | bindingDecl
    ;

// ---- API groups ---------------------------------------------------------------------

groupDecl
    : doc=DOC_COMMENT? GROUP groupName=name ID id=NUMBER VERSIONS version (',' version)* archList?
      '{' groupMember* '}'
    ;

archList
    : ARCH name (',' name)*
    ;

groupMember
    : callDecl
    | errorDecl
    | layoutDecl
    | constantsDecl
    ;

lifecycle
    : SINCE since=version (DEPRECATED deprecated=version reason=STRING?)? (REMOVED removed=version)?
    ;

version
    : VERSION
    ;

// ---- calls --------------------------------------------------------------------------

callDecl
    : doc=DOC_COMMENT? CALL callName=name kind=callKind number=NUMBER lifecycle archList?
      '{' callItem* '}'
    ;

callKind
    : FAST
    | HYPERFAST
    | CORE
    ;

callItem
    : ARG paramName=name type=typeRef text=STRING? ';'      # argItem
    | RET paramName=name type=typeRef text=STRING? ';'      # retItem
    | ERROR code=name condition=STRING? ';'                 # errorItem
    | NOTE text=STRING ';'                                  # noteItem
    | NORETURN ';'                                          # noReturnItem
    ;

typeRef
    : typeName=name ('[' count=NUMBER ']')?
    ;

// ---- error codes, layouts, constants ------------------------------------------------

errorDecl
    : doc=DOC_COMMENT? ERROR errorName=name '=' value=NUMBER lifecycle text=STRING? ';'
    ;

layoutDecl
    : doc=DOC_COMMENT? LAYOUT layoutName=name SIZE size=NUMBER (ALIGN align=NUMBER)? lifecycle
      '{' fieldDecl* '}'
    ;

fieldDecl
    : doc=DOC_COMMENT? FIELD fieldName=name type=typeRef AT offset=NUMBER text=STRING? ';'
    ;

constantsDecl
    : doc=DOC_COMMENT? CONSTANTS setName=name lifecycle '{' constantDecl* '}'
    ;

constantDecl
    : doc=DOC_COMMENT? constantName=name '=' value=signedNumber (SINCE since=version)? text=STRING? ';'
    ;

signedNumber
    : MINUS? NUMBER
    ;

// ---- architecture bindings ----------------------------------------------------------

bindingDecl
    : doc=DOC_COMMENT? BINDING bindingName=name '{' bindingItem* '}'
    ;

bindingItem
    : INSTRUCTION text=STRING ';'                           # instructionItem
    | kind=callKind '{' conventionItem* '}'                 # conventionBlock
    ;

conventionItem
    : TRAP number=NUMBER (IN register=REGISTER)? ';'        # trapNumberItem
    | TRAP PER CALL (IN register=REGISTER)? ';'             # trapPerCallItem
    | FUNCTION register=REGISTER ';'                        # functionItem
    | ARGS registerList ';'                                 # argsItem
    | STATUS register=REGISTER ';'                          # statusItem
    | RESULTS registerList ';'                              # resultsItem
    ;

registerList
    : REGISTER (',' REGISTER)*
    ;

// Keywords are contextual: any of them may name a group, call, argument or field.
name
    : IDENT
    | GROUP | ID | VERSIONS | ARCH | SINCE | DEPRECATED | REMOVED | CALL | FAST | HYPERFAST
    | CORE | ARG | RET | ERROR | NOTE | NORETURN | LAYOUT | SIZE | ALIGN | FIELD | AT
    | CONSTANTS | BINDING | INSTRUCTION | TRAP | IN | PER | FUNCTION | ARGS | STATUS | RESULTS
    ;

// ---- lexer --------------------------------------------------------------------------

GROUP       : 'group' ;
ID          : 'id' ;
VERSIONS    : 'versions' ;
ARCH        : 'arch' ;
SINCE       : 'since' ;
DEPRECATED  : 'deprecated' ;
REMOVED     : 'removed' ;
CALL        : 'call' ;
FAST        : 'fast' ;
HYPERFAST   : 'hyperfast' ;
CORE        : 'core' ;
ARG         : 'arg' ;
RET         : 'ret' ;
ERROR       : 'error' ;
NOTE        : 'note' ;
NORETURN    : 'noreturn' ;
LAYOUT      : 'layout' ;
SIZE        : 'size' ;
ALIGN       : 'align' ;
FIELD       : 'field' ;
AT          : 'at' ;
CONSTANTS   : 'constants' ;
BINDING     : 'binding' ;
INSTRUCTION : 'instruction' ;
TRAP        : 'trap' ;
IN          : 'in' ;
PER         : 'per' ;
FUNCTION    : 'function' ;
ARGS        : 'args' ;
STATUS      : 'status' ;
RESULTS     : 'results' ;
MINUS       : '-' ;

VERSION     : [0-9]+ '.' [0-9]+ ;
NUMBER      : '0' [xX] [0-9a-fA-F]+ | [0-9]+ ;
REGISTER    : '%' [a-zA-Z0-9_]+ ;
IDENT       : [a-zA-Z_] [a-zA-Z0-9_]* ;
STRING      : '"' ( ~["\\\r\n] | '\\' ["\\nt] )* '"' ;
// a string cut off by the end of its line; the parser reports it by name
UNTERMINATED_STRING : '"' ( ~["\\\r\n] | '\\' ["\\nt] )* ;

DOC_COMMENT : '/**' .*? '*/' ;
BLOCK_COMMENT : '/*' .*? '*/' -> skip ;
LINE_COMMENT  : '//' ~[\r\n]* -> skip ;
WS            : [ \t\r\n]+ -> skip ;
