package org.seqvault.reliability.auth;

/**
 * How the matrix calls one route: what it needs, the status a permitted caller gets, and how to
 * build the request. A bulk route answers 200 even when items are refused; {@code itemAccess}
 * then says what each item needs.
 */
record RouteCase(String method, String path, Need need, int success, Need.Access itemAccess, Builder builder) {

    /** Builds the request for one caller; may create fresh resources first. */
    interface Builder {
        Request build(World world, Caller caller) throws Exception;
    }

    static RouteCase of(String method, String path, Need need, int success, Builder builder) {
        return new RouteCase(method, path, need, success, null, builder);
    }

    static RouteCase bulk(String path, Need.Access itemAccess, Builder builder) {
        return new RouteCase("POST", path, Need.of(Need.Scope.FILES, Need.Access.ANY), 200, itemAccess, builder);
    }

    /** A DRS bulk call: answered 200 to any caller with a token of the scope, or none; its items need {@code itemAccess}. */
    static RouteCase drsBulk(String path, Need.Access itemAccess, Builder builder) {
        return drsBulk("POST", path, itemAccess, builder);
    }

    static RouteCase drsBulk(String method, String path, Need.Access itemAccess, Builder builder) {
        return new RouteCase(method, path, Need.of(Need.Scope.FILES, Need.Access.DRS_BULK), 200, itemAccess, builder);
    }

    String route() {
        return method + " " + path;
    }
}
